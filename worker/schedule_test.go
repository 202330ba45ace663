package worker_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	"github.com/ionet-oss/ionet/worker/store"
)

// TestWorkerHeartbeatsWhileAJobRunsAcrossEpochs: a worker started with a relative work
// directory runs a job that spans two epoch boundaries (the chain clock warps an hour twice
// while the job waits for the test's signal); the heartbeat of each epoch is recorded while
// the job runs, the job's output lands where the relative directory points, and the job is
// attested and paid by the program's rule.
func TestWorkerHeartbeatsWhileAJobRunsAcrossEpochs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := localnettest.Context(t)
	em, err := emission.New(e.sx, e.chain.Manifest.Programs["emission"], e.chain.Manifest.Programs["staking"])
	require.NoError(t, err)
	specDir := t.TempDir()
	w := e.newWorker(t, "worker-epochs", specDir, func(s map[string]any) { s["work_dir"] = "work" })
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, USDC: 100_000 * oneUSDC})
	require.NoError(t, err)
	// Paid in USDC: the owner's IO moves with liveness claims meanwhile.
	usdcMint := e.chain.Manifest.Mints.USDC.Address

	heartbeat := func(epoch uint64) {
		waitFor(t, "heartbeat of epoch "+strconv.FormatUint(epoch, 10), func() bool {
			_, err := em.FetchEntry(ctx, w.device.PublicKey(), epoch)
			return err == nil
		})
	}
	first, err := em.CurrentEpoch(ctx)
	require.NoError(t, err)
	heartbeat(first)

	gate := filepath.Join(t.TempDir(), "go")
	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c",
		`while [ ! -e "$GATE" ]; do sleep 0.2; done; echo "job $IONET_JOB_ID" > "$IONET_OUTPUT_DIR/result.txt"`},
		Environment: map[string]string{"GATE": gate}}
	id := e.postJobFor(t, buyer, specDir, spec, usdcMint, 3_600*oneUSDC, 3*jobs.SecondsPerHour)
	waitFor(t, "job claimed", func() bool { return w.records(t)[id].Phase == store.Claimed })

	for epoch := first + 1; epoch <= first+2; epoch++ {
		_, err = e.chain.Warp(ctx, time.Hour)
		require.NoError(t, err)
		_, err = em.CatchUp(ctx, e.operator, 8)
		require.NoError(t, err)
		now, err := em.CurrentEpoch(ctx)
		require.NoError(t, err)
		require.Equal(t, epoch, now)
		heartbeat(epoch)
		require.Equal(t, store.Claimed, w.records(t)[id].Phase, "the job still runs in epoch %d", epoch)
	}

	require.NoError(t, os.WriteFile(gate, nil, 0o644))
	job := e.attestedJob(t, id)
	out, err := os.ReadFile(filepath.Join(w.workDir, "jobs", strconv.FormatUint(id, 10), "out", "result.txt"))
	require.NoError(t, err, "the output is under the relative work directory, made absolute")
	assert.Equal(t, "job "+strconv.FormatUint(id, 10)+"\n", string(out))
	require.GreaterOrEqual(t, job.EndedTs-job.StartedTs, int64(2*3_600), "the run spans both warps")

	ownerBefore := e.tokenBalance(t, w.owner.PublicKey(), usdcMint)
	_, err = e.chain.Warp(ctx, jobs.DefaultChallengeWindow+time.Second)
	require.NoError(t, err)
	_, err = e.jc.SettleJob(ctx, e.operator, id)
	require.NoError(t, err)
	pay := expectedPay(t, job)
	waitFor(t, "worker books the settlement", func() bool {
		r := w.records(t)[id]
		return r.Phase == store.Settled && r.Paid == pay
	})
	assert.Equal(t, ownerBefore+pay, e.tokenBalance(t, w.owner.PublicKey(), usdcMint), "paid price x elapsed")
}
