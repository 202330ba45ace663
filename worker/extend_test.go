package worker_test

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	"github.com/ionet-oss/ionet/worker/store"
)

// TestWorkerFollowsAnExtension: a job posted for 8 seconds runs for 12; its buyer extends it by
// an hour while it runs, the worker moves the run's deadline and keeps it running, and the
// job is attested as a success and paid for its whole run.
func TestWorkerFollowsAnExtension(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := localnettest.Context(t)
	specDir := t.TempDir()
	w := e.newWorker(t, "worker-extend", specDir, func(s map[string]any) { s["safety_margin"] = "1s" })
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, USDC: 100_000 * oneUSDC})
	require.NoError(t, err)
	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `sleep 12; echo done > "$IONET_OUTPUT_DIR/result.txt"`}}
	id := e.postJobFor(t, buyer, specDir, spec, e.chain.Manifest.Mints.USDC.Address, 3_600*oneUSDC, 8)
	waitFor(t, "job claimed", func() bool { return w.records(t)[id].Phase == store.Claimed })
	_, err = e.jc.ExtendJob(ctx, buyer, id, jobs.SecondsPerHour)
	require.NoError(t, err)

	job := e.attestedJob(t, id)
	assert.Zero(t, job.Failed, "the run was not cut at the first deadline")
	assert.GreaterOrEqual(t, job.EndedTs-job.StartedTs, int64(12))
	assert.Equal(t, uint64(8+jobs.SecondsPerHour), w.records(t)[id].MaxSeconds)
	assert.Contains(t, w.logs.String(), `"msg":"job extended by its buyer; the run goes on"`)

	_, err = e.chain.Warp(ctx, jobs.DefaultChallengeWindow+time.Second)
	require.NoError(t, err)
	_, err = e.jc.SettleJob(ctx, e.operator, id)
	require.NoError(t, err)
	pay := expectedPay(t, job)
	require.Greater(t, pay, uint64(8*oneUSDC), "paid past the first 8 seconds")
	waitFor(t, "worker books the settlement", func() bool {
		r := w.records(t)[id]
		return r.Phase == store.Settled && r.Paid == pay
	})
}
