package capacity

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ListRecords reads every device's capacity record, by the record's address.
func (c *Client) ListRecords(ctx context.Context) (map[solana.PublicKey]*gen.DeviceCapacity, error) {
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64,
		Filters: []rpc.RPCFilter{{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_DeviceCapacity[:]}}},
	})
	if err != nil {
		return nil, fmt.Errorf("list capacity records: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	out := make(map[solana.PublicKey]*gen.DeviceCapacity, len(res))
	for _, a := range res {
		r, err := gen.ParseAccount_DeviceCapacity(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list capacity records: decode %s: %w", a.Pubkey, err)
		}
		out[a.Pubkey] = r
	}
	return out, nil
}
