package staking

import (
	"context"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
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

// FetchDevice reads the device registered under deviceKey.
func (c *Client) FetchDevice(ctx context.Context, deviceKey solana.PublicKey) (*gen.Device, error) {
	addr, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	d, err := fetch(ctx, c.sx.RPC, c.ProgramID, addr, "device", gen.ParseAccount_Device)
	return d, anchor.Described(err, "device "+deviceKey.String()+" is not registered (register it with `ionet device register`)")
}
