package worker_test

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// BenchmarkWorker measures one ionet-worker process on the localnet (100 ms slots): how long
// from a job's creation being confirmed to the worker's claim being visible, and how many
// trivial jobs (`true`) it completes (claim, run, manifest, attestation) a minute.
func BenchmarkWorker(b *testing.B) {
	e := newEnv(b)
	ctx := localnettest.Context(b)
	specDir := b.TempDir()
	e.newWorker(b, "worker-bench", specDir)
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL, IO: 10_000_000 * oneIO})
	require.NoError(b, err)
	ioMint := e.chain.Manifest.Mints.IO.Address
	spec := &jobs.Spec{Command: []string{"true"}}

	b.Run("claim-latency", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			id := e.postJob(b, buyer, specDir, spec, ioMint, oneIO)
			posted := time.Now()
			waitFor(b, "claim", func() bool {
				j, err := e.jc.FetchJob(ctx, id)
				return err == nil && jobs.State(j.State) != jobs.StateOpen
			})
			total += time.Since(posted)
			e.attestedJob(b, id) // let the worker go idle before the next job
		}
		b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/claim")
	})
	b.Run("throughput", func(b *testing.B) {
		const batch = 10
		var total time.Duration
		for b.Loop() {
			// From the first post to the last attestation: the worker starts while the
			// buyer is still posting.
			start := time.Now()
			ids := make([]uint64, batch)
			for i := range ids {
				ids[i] = e.postJob(b, buyer, specDir, spec, ioMint, oneIO)
			}
			for _, id := range ids {
				e.attestedJob(b, id)
			}
			total += time.Since(start)
		}
		b.ReportMetric(float64(batch*b.N)/total.Minutes(), "jobs/min")
	})
}
