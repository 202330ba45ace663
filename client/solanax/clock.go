package solanax

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
)

// ChainTime is the cluster's clock (the Clock sysvar's unix_timestamp), at confirmed commitment.
func ChainTime(ctx context.Context, client *rpc.Client) (int64, error) {
	return chainTime(ctx, client, rpc.CommitmentConfirmed)
}

// ChainTime is the cluster's clock at the client's commitment: cooldowns, windows and
// deadlines pass by it, not by this machine's clock.
func (c *Client) ChainTime(ctx context.Context) (int64, error) {
	return chainTime(ctx, c.RPC, c.commitment)
}

func chainTime(ctx context.Context, client *rpc.Client, commitment rpc.CommitmentType) (int64, error) {
	res, err := client.GetAccountInfoWithOpts(ctx, solana.SysVarClockPubkey, &rpc.GetAccountInfoOpts{Commitment: commitment, Encoding: solana.EncodingBase64})
	if err != nil {
		return 0, fmt.Errorf("read the clock sysvar: %w", WrapRPCError("getAccountInfo", err))
	}
	data := res.Value.Data.GetBinary()
	if len(data) < 40 {
		return 0, fmt.Errorf("read the clock sysvar: %d bytes, want 40", len(data))
	}
	return int64(binary.LittleEndian.Uint64(data[32:40])), nil
}
