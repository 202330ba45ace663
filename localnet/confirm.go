package localnet

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
)

// statusesPerCall is getSignatureStatuses' limit on signatures per call (as on Agave).
const statusesPerCall = 256

// AwaitConfirmed polls the statuses of sigs, 256 a call, until every one is confirmed, and
// fails on the first that failed or when ctx ends. It searches the transaction history: with
// short slots and many transactions the first are older than the 300 slots of recent statuses
// (as on Agave) before the last are sent.
func (c *Chain) AwaitConfirmed(ctx context.Context, sigs []solana.Signature) error {
	pending := sigs
	for len(pending) > 0 {
		var still []solana.Signature
		for start := 0; start < len(pending); start += statusesPerCall {
			chunk := pending[start:min(start+statusesPerCall, len(pending))]
			res, err := c.RPC.GetSignatureStatuses(ctx, true, chunk...)
			if err != nil {
				return fmt.Errorf("getSignatureStatuses: %w", err)
			}
			for i, st := range res.Value {
				switch {
				case st == nil || st.ConfirmationStatus == rpc.ConfirmationStatusProcessed:
					still = append(still, chunk[i])
				case st.Err != nil:
					return fmt.Errorf("transaction %s failed: %v", chunk[i], st.Err)
				}
			}
		}
		pending = still
		if len(pending) > 0 {
			select {
			case <-ctx.Done():
				return fmt.Errorf("%d transactions not confirmed: %w", len(pending), ctx.Err())
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	return nil
}
