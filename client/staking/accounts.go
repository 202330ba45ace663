package staking

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// ErrNotFound means the account does not exist (not initialised, no position, unregistered device).
var ErrNotFound = errors.New("account not found")

// fetch reads addr and decodes it with parse after checking the staking program owns it.
func fetch[T any](ctx context.Context, c *rpc.Client, programID, addr solana.PublicKey, what string, parse func([]byte) (*T, error)) (*T, error) {
	res, err := c.GetAccountInfoWithOpts(ctx, addr, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if errors.Is(err, rpc.ErrNotFound) || (err == nil && (res == nil || res.Value == nil)) {
		return nil, fmt.Errorf("fetch staking %s %s: %w", what, addr, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch staking %s %s: %w", what, addr, solanax.WrapRPCError("getAccountInfo", err))
	}
	if !res.Value.Owner.Equals(programID) {
		return nil, fmt.Errorf("fetch staking %s %s: owned by %s, not the staking program %s", what, addr, res.Value.Owner, programID)
	}
	v, err := parse(res.Value.Data.GetBinary())
	if err != nil {
		return nil, fmt.Errorf("decode staking %s %s: %w", what, addr, err)
	}
	return v, nil
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
	return fetch(ctx, c.sx.RPC, c.ProgramID, addr, "position", gen.ParseAccount_StakePosition)
}

// FetchDevice reads the device registered under deviceKey.
func (c *Client) FetchDevice(ctx context.Context, deviceKey solana.PublicKey) (*gen.Device, error) {
	addr, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, c.sx.RPC, c.ProgramID, addr, "device", gen.ParseAccount_Device)
}
