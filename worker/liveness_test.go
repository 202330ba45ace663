package worker_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
)

// TestWorkerEarnsLivenessRewards: across three epochs (clock warps of an hour) two running
// workers each record one heartbeat per epoch and claim each minted epoch; each owner's IO
// rises by exactly its device's pool shares, weight over the epoch's total weight.
func TestWorkerEarnsLivenessRewards(t *testing.T) {
	ctx := testContext(t)
	em, err := emission.New(sx, chain.Manifest.Programs["emission"], chain.Manifest.Programs["staking"])
	require.NoError(t, err)
	workers := []*workerProc{newWorker(t, "worker-live-a", t.TempDir()), newWorker(t, "worker-live-b", t.TempDir())}
	ioMint := chain.Manifest.Mints.IO.Address
	start := make([]uint64, len(workers))
	for i, w := range workers {
		start[i] = tokenBalance(t, w.owner.PublicKey(), ioMint)
	}

	want := make([]uint64, len(workers))
	for range 3 {
		epoch, err := em.CurrentEpoch(ctx)
		require.NoError(t, err)
		weights := make([]uint64, len(workers))
		for i, w := range workers {
			waitFor(t, "heartbeat", func() bool {
				r, err := em.FetchReceipt(ctx, w.device.PublicKey(), epoch)
				if err == nil {
					weights[i] = r.Weight
				}
				return err == nil
			})
		}
		_, err = chain.Warp(ctx, time.Hour)
		require.NoError(t, err)
		_, err = em.CatchUp(ctx, operator, 8)
		require.NoError(t, err)
		st, err := em.FetchState(ctx)
		require.NoError(t, err)
		pool, err := em.FetchLivenessPool(ctx)
		require.NoError(t, err)
		amount, ok := emission.SupplierAmount(st, epoch)
		require.True(t, ok, "epoch %d minted", epoch)
		total, ok := emission.TotalWeight(pool, epoch)
		require.True(t, ok)
		for i, weight := range weights {
			share := emission.Share(amount, weight, total)
			require.Positive(t, share)
			t.Logf("epoch %d, %s: weight %d of %d, share %d of %d", epoch, workers[i].name, weight, total, share, amount)
			want[i] += share
		}
	}
	for i, w := range workers {
		waitFor(t, "rewards claimed", func() bool { return tokenBalance(t, w.owner.PublicKey(), ioMint) == start[i]+want[i] })
	}
}
