package staking

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// ErrNotFound means the account does not exist (not initialised, no position, unregistered device).
var ErrNotFound = anchor.ErrNotFound

// fetch reads a staking account: anchor.Fetch.
func fetch[T any](ctx context.Context, c *rpc.Client, programID, addr solana.PublicKey, what string, parse func([]byte) (*T, error)) (*T, error) {
	return anchor.Fetch(ctx, c, "staking", programID, addr, what, parse)
}

// FetchConfig reads the program's config.
func (c *Client) FetchConfig(ctx context.Context) (*gen.Config, error) {
	return fetch(ctx, c.sx.RPC, c.ProgramID, c.Addresses.Config, "config", gen.ParseAccount_Config)
}

// FetchPosition reads owner's stake position.
func (c *Client) FetchPosition(ctx context.Context, owner solana.PublicKey) (*gen.StakePosition, error) {
	addr, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	p, err := fetch(ctx, c.sx.RPC, c.ProgramID, addr, "position", gen.ParseAccount_StakePosition)
	return p, anchor.Described(err, owner.String()+" has no stake position (stake with `ionet stake AMOUNT`)")
}

// FetchPositionAt reads the stake position at addr.
func (c *Client) FetchPositionAt(ctx context.Context, addr solana.PublicKey) (*gen.StakePosition, error) {
	return fetch(ctx, c.sx.RPC, c.ProgramID, addr, "position", gen.ParseAccount_StakePosition)
}

// FetchDevice reads the device registered under deviceKey.
func (c *Client) FetchDevice(ctx context.Context, deviceKey solana.PublicKey) (*gen.Device, error) {
	addr, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	d, err := fetch(ctx, c.sx.RPC, c.ProgramID, addr, "device", gen.ParseAccount_Device)
	return d, anchor.Described(err, "device "+deviceKey.String()+" is not registered (register it with `ionet device register`)")
}

// PositionSize is a StakePosition account's size (discriminator included).
const PositionSize = 272

// Position is a stake position with its address.
type Position struct {
	Address solana.PublicKey
	*gen.StakePosition
}

// ListWarmingPositions reads every position with stake still warming up (not yet earning epoch
// rewards), in no particular order.
func (c *Client) ListWarmingPositions(ctx context.Context) ([]Position, error) {
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed,
		Encoding:   solana.EncodingBase64,
		Filters: []rpc.RPCFilter{
			{DataSize: PositionSize},
			{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_StakePosition[:]}},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("list stake positions: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	var out []Position
	for _, a := range res {
		p, err := gen.ParseAccount_StakePosition(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("decode stake position %s: %w", a.Pubkey, err)
		}
		if p.Warming > 0 {
			out = append(out, Position{Address: a.Pubkey, StakePosition: p})
		}
	}
	return out, nil
}
