package solanax

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
)

// TxDetails is what getTransaction reports about a landed transaction.
type TxDetails struct {
	Slot         uint64
	Fee          uint64 // lamports
	ComputeUnits uint64 // computeUnitsConsumed
	Logs         []string
	Meta         *rpc.TransactionMeta // everything else: balances, inner instructions, return data
}

// detailsWait bounds how long TransactionDetails waits for a transaction that has been
// processed to become visible to getTransaction (which needs at least confirmed).
const detailsWait = 15 * time.Second

// TransactionDetails fetches a landed transaction's meta, waiting briefly for it to be
// confirmed when it has only been processed.
func (c *Client) TransactionDetails(ctx context.Context, sig solana.Signature) (*TxDetails, error) {
	commitment := c.commitment
	if commitment == rpc.CommitmentProcessed {
		commitment = rpc.CommitmentConfirmed // getTransaction does not serve processed
	}
	version := uint64(0)
	opts := &rpc.GetTransactionOpts{
		Encoding: solana.EncodingBase64, Commitment: commitment, MaxSupportedTransactionVersion: &version,
	}
	ctx, cancel := context.WithTimeout(ctx, detailsWait)
	defer cancel()
	for {
		got, err := c.RPC.GetTransaction(ctx, sig, opts)
		switch {
		case err == nil && got.Meta != nil:
			d := &TxDetails{Slot: got.Slot, Fee: got.Meta.Fee, Logs: got.Meta.LogMessages, Meta: got.Meta}
			if got.Meta.ComputeUnitsConsumed != nil {
				d.ComputeUnits = *got.Meta.ComputeUnitsConsumed
			}
			return d, nil
		case err == nil:
			return nil, fmt.Errorf("getTransaction %s: the node returned no meta", sig)
		case !errors.Is(err, rpc.ErrNotFound):
			return nil, fmt.Errorf("transaction details %s: %w", sig, WrapRPCError("getTransaction", err))
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("getTransaction %s: not found at %s commitment: %w", sig, commitment, ctx.Err())
		case <-time.After(c.pollEvery):
		}
	}
}
