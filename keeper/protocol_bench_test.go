package keeper_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// BenchmarkProtocol measures protocol instructions over JSON-RPC on a real localnet with the
// programs bootstrapped, as BenchmarkTransfers (localnet) does SOL transfers: b.N transactions of
// one instruction each are signed and sent (with preflight) as fast as the server answers, by 8
// senders at once (create_job by one: job ids are sequential), then polled until all are
// confirmed. Reports confirmed transactions a second and the instruction's compute units, at 400 ms
// and 10 ms slots. Run with -benchtime=500x (settle_job's set-up posts b.N jobs first, untimed).
func BenchmarkProtocol(b *testing.B) {
	for _, slotLength := range []time.Duration{400 * time.Millisecond, 10 * time.Millisecond} {
		b.Run(fmt.Sprintf("slot=%v", slotLength), func(b *testing.B) {
			w := newWorldOn(b, slotLength, 0, 15_000*IO)
			b.Run("stake", func(b *testing.B) { benchStake(b, w) })
			b.Run("create_job", func(b *testing.B) { benchCreateJob(b, w) })
			b.Run("settle_job", func(b *testing.B) { benchSettleJob(b, w) })
		})
	}
}

const benchSenders = 8

func benchStake(b *testing.B, w *world) {
	ctx := localnettest.Context(b)
	stakers := make([]solana.PrivateKey, benchSenders)
	tokens := make([]solana.PublicKey, benchSenders)
	for i := range stakers {
		stakers[i] = localnettest.NewWallet(b, w.chain, uint64(b.N+1)*IO)
		_, err := w.stk.Stake(ctx, stakers[i], IO) // opens the position
		require.NoError(b, err)
		tokens[i], err = solanax.AssociatedTokenAddress(stakers[i].PublicKey(), w.chain.Manifest.Mints.IO.Address)
		require.NoError(b, err)
	}
	sendAll(b, w, benchSenders, func(i, sender int) (solana.PrivateKey, solana.Instruction) {
		// Distinct amounts make distinct transactions on one blockhash.
		ix, err := w.stk.StakeInstruction(stakers[sender].PublicKey(), tokens[sender], IO+uint64(i))
		require.NoError(b, err)
		return stakers[sender], ix
	})
}

func benchCreateJob(b *testing.B, w *world) {
	ctx := localnettest.Context(b)
	cfg, err := w.jc.FetchConfig(ctx)
	require.NoError(b, err)
	mint := w.chain.Manifest.Mints.IO.Address
	buyerToken, err := solanax.AssociatedTokenAddress(w.buyer.PublicKey(), mint)
	require.NoError(b, err)
	terms := jobs.Terms{GPUClass: w.class, GPUCount: 1, PricePerHour: jobPrice, MaxDurationSeconds: jobMaxSecs}
	sendAll(b, w, 1, func(i, _ int) (solana.PrivateKey, solana.Instruction) {
		ix, err := w.jc.CreateJobInstruction(w.buyer.PublicKey(), buyerToken, mint, cfg.NextJobId+uint64(i), terms)
		require.NoError(b, err)
		return w.buyer, ix
	})
}

func benchSettleJob(b *testing.B, w *world) {
	b.StopTimer()
	ctx := localnettest.Context(b)
	// Each claimed job holds its 1,000 IO reserve of the device's stake until it settles.
	reserve := uint64(b.N) * 1_000 * IO
	_, err := w.chain.Fund(ctx, w.owner.PublicKey(), localnet.Funding{IO: reserve})
	require.NoError(b, err)
	_, err = w.stk.StakeDevice(ctx, w.owner, w.device.PublicKey(), reserve)
	require.NoError(b, err)
	runs := w.postJobs(b.N, b.N)
	w.warp(61 * time.Minute) // past the challenge window
	fixed, err := w.jc.Fixed(ctx)
	require.NoError(b, err)
	treasury, err := fixed.TreasuryFor(w.chain.Manifest.Mints.IO.Address)
	require.NoError(b, err)
	settles := make([]solana.Instruction, len(runs))
	for i, job := range w.fetchJobs(runs) {
		require.NotNil(b, job)
		settles[i], err = w.jc.SettleJobInstruction(job, treasury)
		require.NoError(b, err)
	}
	payers := make([]solana.PrivateKey, benchSenders)
	for i := range payers {
		payers[i] = localnettest.NewWallet(b, w.chain, 0)
	}
	b.StartTimer()
	sendAll(b, w, benchSenders, func(i, sender int) (solana.PrivateKey, solana.Instruction) {
		return payers[sender], settles[i]
	})
}

// sendAll sends b.N one-instruction transactions from senders goroutines (instruction i from
// next(i, sender)), waits until all are confirmed, and reports the rate and the compute units.
func sendAll(b *testing.B, w *world, senders int, next func(i, sender int) (solana.PrivateKey, solana.Instruction)) {
	ctx := localnettest.Context(b)
	latest, err := w.chain.RPC.GetLatestBlockhash(ctx, rpc.CommitmentProcessed)
	require.NoError(b, err)
	blockhash := latest.Value.Blockhash
	// At 10 ms slots a blockhash lives 1.5 s: refresh it while sending.
	refresh, stop := context.WithCancel(ctx)
	defer stop()
	var current atomic.Pointer[solana.Hash]
	current.Store(&blockhash)
	go func() {
		for refresh.Err() == nil {
			time.Sleep(100 * time.Millisecond)
			if l, err := w.chain.RPC.GetLatestBlockhash(refresh, rpc.CommitmentProcessed); err == nil {
				current.Store(&l.Value.Blockhash)
			}
		}
	}()

	b.ResetTimer()
	start := time.Now()
	var counter atomic.Int64
	sigs := make([]solana.Signature, b.N)
	errs := make([]error, senders)
	var wg sync.WaitGroup
	for s := range senders {
		wg.Go(func() {
			for {
				i := int(counter.Add(1)) - 1
				if i >= b.N {
					return
				}
				payer, ix := next(i, s)
				tx, err := solana.NewTransaction([]solana.Instruction{ix}, *current.Load(), solana.TransactionPayer(payer.PublicKey()))
				if err == nil {
					_, err = tx.Sign(func(k solana.PublicKey) *solana.PrivateKey {
						if k.Equals(payer.PublicKey()) {
							return &payer
						}
						return nil
					})
				}
				if err == nil {
					sigs[i], err = w.chain.RPC.SendTransaction(ctx, tx)
				}
				if err != nil {
					errs[s] = fmt.Errorf("transaction %d: %w", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(b, err)
	}
	require.NoError(b, w.chain.AwaitConfirmed(localnettest.Context(b), sigs))
	elapsed := time.Since(start)
	b.StopTimer()
	stop()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "tx/s")
	details, err := w.chain.Client.TransactionDetails(ctx, sigs[len(sigs)-1])
	require.NoError(b, err)
	b.ReportMetric(float64(details.ComputeUnits), "CU/tx")
}
