package explorer

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/solanax"
)

// Bounds of the in-memory histories. They are rebuilt from the chain at every start; a
// deployment with more history than this needs an on-disk index (not implemented).
const (
	// maxSignatures bounds the signatures one refresh reads (newest first).
	maxSignatures = 100_000
	// fetchWorkers is how many getTransaction calls run at once.
	fetchWorkers = 8
	// refreshEvery is the least time between two refreshes.
	refreshEvery = time.Second
	// applyChunk is how many transactions are read and applied before progress is kept.
	applyChunk = 500
)

// feed reads a program's transactions in the order they landed, each once: every pull reads
// the signatures newer than the newest it has seen.
type feed struct {
	chain   *Chain
	program solana.PublicKey
	log     *slog.Logger

	mu     sync.Mutex // one pull at a time; guards last and newest
	last   time.Time
	newest solana.Signature
}

func newFeed(chain *Chain, program solana.PublicKey, log *slog.Logger) *feed {
	return &feed{chain: chain, program: program, log: log}
}

// pull hands apply the transactions that landed since the last pull (at most once a second;
// concurrent callers wait for the one running), oldest first, a chunk at a time. Failed
// transactions come as nil. Each chunk's progress is kept, so a pull cut short by its context
// goes on from there next time.
func (f *feed) pull(ctx context.Context, apply func([]*rpc.TransactionSignature, []*rpc.GetTransactionResult)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if time.Since(f.last) < refreshEvery {
		return nil
	}
	sigs, err := f.newSignatures(ctx)
	if err != nil {
		return err
	}
	for end := len(sigs); end > 0; end -= applyChunk {
		chunk := sigs[max(end-applyChunk, 0):end]
		txs, err := f.fetchAll(ctx, chunk)
		if err != nil {
			return err
		}
		oldestFirst(chunk, txs)
		apply(chunk, txs)
		f.newest = chunk[len(chunk)-1].Signature
	}
	f.last = time.Now()
	return nil
}

// oldestFirst reverses the newest-first order the node answers in.
func oldestFirst(sigs []*rpc.TransactionSignature, txs []*rpc.GetTransactionResult) {
	for i, k := 0, len(sigs)-1; i < k; i, k = i+1, k-1 {
		sigs[i], sigs[k] = sigs[k], sigs[i]
		txs[i], txs[k] = txs[k], txs[i]
	}
}

// newSignatures pages back from the program's newest signature to the newest seen (exclusive).
func (f *feed) newSignatures(ctx context.Context) ([]*rpc.TransactionSignature, error) {
	var out []*rpc.TransactionSignature
	limit := 1000
	opts := &rpc.GetSignaturesForAddressOpts{Limit: &limit, Until: f.newest, Commitment: rpc.CommitmentConfirmed}
	for len(out) < maxSignatures {
		page, err := f.chain.SX.RPC.GetSignaturesForAddressWithOpts(ctx, f.program, opts)
		if err != nil {
			return nil, fmt.Errorf("history of %s: %w", f.program, solanax.WrapRPCError("getSignaturesForAddress", err))
		}
		out = append(out, page...)
		if len(page) < limit {
			break
		}
		opts.Before = page[len(page)-1].Signature
	}
	return out, nil
}

// fetchAll reads the successful transactions of sigs (nil for failed ones), fetchWorkers at once.
func (f *feed) fetchAll(ctx context.Context, sigs []*rpc.TransactionSignature) ([]*rpc.GetTransactionResult, error) {
	out := make([]*rpc.GetTransactionResult, len(sigs))
	errs := make([]error, len(sigs))
	next := make(chan int)
	var wg sync.WaitGroup
	version := uint64(0)
	opts := &rpc.GetTransactionOpts{Encoding: solana.EncodingBase64, Commitment: rpc.CommitmentConfirmed, MaxSupportedTransactionVersion: &version}
	for range fetchWorkers {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = f.chain.SX.RPC.GetTransaction(ctx, sigs[i].Signature, opts)
			}
		})
	}
	for i, s := range sigs {
		if s.Err == nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("history of %s: transaction %s: %w", f.program, sigs[i].Signature, solanax.WrapRPCError("getTransaction", err))
		}
	}
	return out, nil
}
