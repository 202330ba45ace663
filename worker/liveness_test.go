package worker_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestWorkerEarnsLivenessRewards: across three epochs (clock warps of an hour) two running
// workers each record one heartbeat per epoch and claim each minted epoch; each owner's IO
// rises by exactly its device's pool shares, weight over the epoch's total weight.
func TestWorkerEarnsLivenessRewards(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := localnettest.Context(t)
	em, err := emission.New(e.sx, e.chain.Manifest.Programs["emission"], e.chain.Manifest.Programs["staking"])
	require.NoError(t, err)
	workers := []*workerProc{e.newWorker(t, "worker-live-a", t.TempDir()), e.newWorker(t, "worker-live-b", t.TempDir())}
	ioMint := e.chain.Manifest.Mints.IO.Address
	start := make([]uint64, len(workers))
	for i, w := range workers {
		start[i] = e.tokenBalance(t, w.owner.PublicKey(), ioMint)
	}

	// Mint every ended epoch first: each round below then mints exactly its own epoch.
	_, err = em.CatchUp(ctx, e.operator, 0)
	require.NoError(t, err)
	want := make([]uint64, len(workers))
	for range 3 {
		epoch, err := em.CurrentEpoch(ctx)
		require.NoError(t, err)
		weights := make([]uint64, len(workers))
		for i, w := range workers {
			waitFor(t, "heartbeat", func() bool {
				r, err := em.FetchEntry(ctx, w.device.PublicKey(), epoch)
				if err == nil {
					weights[i] = r.Weight
				}
				return err == nil
			})
		}
		// The epoch's total weight before the crank (claims, which start after it, take weight
		// and amount out of the epoch's slots) and its supplier amount from the crank's event.
		pool, err := em.FetchLivenessPool(ctx)
		require.NoError(t, err)
		total, ok := emission.TotalWeight(pool, epoch)
		require.True(t, ok)
		_, err = e.chain.Warp(ctx, time.Hour)
		require.NoError(t, err)
		cranks, err := em.CatchUp(ctx, e.operator, 8)
		require.NoError(t, err)
		require.Len(t, cranks, 1)
		minted := cranks[0].Minted
		require.Equal(t, epoch, minted.LastEpoch, "one epoch minted")
		require.Equal(t, epoch, minted.FirstEpoch, "one epoch minted")
		amount := minted.SupplierAmount
		for i, weight := range weights {
			share := emission.Share(amount, weight, total)
			require.Positive(t, share)
			t.Logf("epoch %d, %s: weight %d of %d, share %d of %d", epoch, workers[i].name, weight, total, share, amount)
			want[i] += share
		}
	}
	// Each claim takes its share of what the epoch has left, so a later claimer may get up to one
	// base unit of rounding dust more than the pro-rata share: at most one per epoch here.
	for i, w := range workers {
		waitFor(t, "rewards claimed", func() bool {
			got := e.tokenBalance(t, w.owner.PublicKey(), ioMint) - start[i]
			return got >= want[i] && got <= want[i]+3
		})
	}
}
