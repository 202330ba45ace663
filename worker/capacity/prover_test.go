package capacity_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	workercap "github.com/ionet-oss/ionet/worker/capacity"
)

// The prover, on its own goroutine, answers challenges the keeper requests on a chain set up as
// `ionet localnet up` does (the CPU-TEST class: n = 64), twice: each is a fresh seed.
func TestProverAnswersChallenges(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	chain, err := localnet.Start(ctx, localnet.Options{SlotDuration: 100 * time.Millisecond})
	require.NoError(t, err)
	defer func() { _ = chain.Stop() }()
	sx := solanax.New(chain.RPCURL, chain.WSURL)
	_, err = bootstrap.Protocol(ctx, sx, chain.Manifest)
	require.NoError(t, err)
	stk, err := staking.New(sx, chain.Manifest.Programs["staking"])
	require.NoError(t, err)
	cp, err := capacity.New(sx, chain.Manifest.Programs["capacity"], stk.ProgramID)
	require.NoError(t, err)

	owner, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	device := solana.NewWallet().PrivateKey // no SOL: the owner pays, as in the worker

	const cpuTest = 5 // staking.DefaultGPUClasses
	_, err = stk.RegisterDevice(ctx, owner, device, cpuTest, 1)
	require.NoError(t, err)

	var logs localnettest.SyncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	go (&workercap.Prover{Client: cp, Device: device, Payer: owner, Poll: 200 * time.Millisecond, Log: log}).Run(ctx)

	keeper, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)
	cfg, err := cp.FetchConfig(ctx)
	require.NoError(t, err)
	for round := uint64(1); round <= 2; round++ {
		_, err = cp.Request(ctx, keeper, device.PublicKey())
		require.NoError(t, err, "round %d", round)
		rec := waitFor(t, ctx, cp, device.PublicKey(), round)
		require.Equal(t, capacity.StatusPassed, rec.Status, "round %d: %s", round, capacity.Describe(rec))
		require.True(t, capacity.Live(rec, rec.ClosedSlot, rec.LastPassTs, cfg.ValidityEpochs))
		// The next request waits the interval after the pass: passed at once.
		_, err = localnet.WarpPast(ctx, sx.RPC, rec.ClosedSlot+cfg.IntervalSlots-1)
		require.NoError(t, err)
	}
	require.Contains(t, logs.String(), "capacity challenge answered")
	require.Contains(t, logs.String(), "status=passed")
}

// waitFor waits until device has passes passes (or a fault or miss shows).
func waitFor(t *testing.T, ctx context.Context, cp *capacity.Client, device solana.PublicKey, passes uint64) *capacity.Record {
	t.Helper()
	for {
		rec, err := cp.FetchRecord(ctx, device)
		require.NoError(t, err)
		if rec.Passes >= passes || rec.Faults > 0 || rec.Misses > 0 {
			return rec
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no answer: %s", capacity.Describe(rec))
		case <-time.After(100 * time.Millisecond):
		}
	}
}
