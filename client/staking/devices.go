package staking

import (
	"context"
	"fmt"
	"sort"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// deviceOwnerOffset is where a device account holds its owner, after the discriminator.
const deviceOwnerOffset = 8

// ListDevices reads every device registered under owner, by device key.
func (c *Client) ListDevices(ctx context.Context, owner solana.PublicKey) ([]*gen.Device, error) {
	return c.listDevices(ctx, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: deviceOwnerOffset, Bytes: owner[:]}})
}

// ListAllDevices reads every registered device, by device key (the keeper's capacity
// challenges go to all of them).
func (c *Client) ListAllDevices(ctx context.Context) ([]*gen.Device, error) {
	return c.listDevices(ctx)
}

func (c *Client) listDevices(ctx context.Context, filters ...rpc.RPCFilter) ([]*gen.Device, error) {
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64,
		Filters: append([]rpc.RPCFilter{{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_Device[:]}}}, filters...),
	})
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	devices := make([]*gen.Device, 0, len(res))
	for _, a := range res {
		d, err := gen.ParseAccount_Device(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list devices: decode %s: %w", a.Pubkey, err)
		}
		devices = append(devices, d)
	}
	sort.Slice(devices, func(i, k int) bool { return devices[i].DeviceKey.String() < devices[k].DeviceKey.String() })
	return devices, nil
}
