package worker_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	"github.com/ionet-oss/ionet/worker/store"
)

// TestWorkerSurvivesKillAndTerm: a worker killed mid-job resumes it after a restart (running it
// again, since the first run's result was lost) and a SIGTERM lets the running job finish and
// attest before the process exits; both jobs settle with every token accounted for.
func TestWorkerSurvivesKillAndTerm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := localnettest.Context(t)
	specDir := t.TempDir()
	w := e.newWorker(t, "worker-r", specDir)
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 100_000 * oneIO})
	require.NoError(t, err)
	ioMint := e.chain.Manifest.Mints.IO.Address
	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `sleep 3; echo done > "$IONET_OUTPUT_DIR/out.txt"`}}
	buyerStart := e.tokenBalance(t, buyer.PublicKey(), ioMint)
	ownerStart := e.tokenBalance(t, w.owner.PublicKey(), ioMint)

	// SIGKILL while the job runs: the store says claimed; the restarted worker runs it again.
	killed := e.postJob(t, buyer, specDir, spec, ioMint, 3_600*oneIO)
	waitFor(t, "job claimed", func() bool { return w.records(t)[killed].Phase == store.Claimed })
	w.stop(syscall.SIGKILL)
	w.start(t)
	first := e.attestedJob(t, killed)
	require.Contains(t, w.logs.String(), `"msg":"resuming job"`)

	// SIGTERM while the next job runs: it finishes within the grace period and is attested.
	spec.Environment = map[string]string{"RUN": "term"}
	termed := e.postJob(t, buyer, specDir, spec, ioMint, 3_600*oneIO)
	waitFor(t, "job claimed", func() bool { return w.records(t)[termed].Phase == store.Claimed })
	w.stop(syscall.SIGTERM)
	require.True(t, w.cmd.ProcessState.Success(), "worker exit: %s", w.cmd.ProcessState)
	require.Equal(t, store.Attested, w.records(t)[termed].Phase)
	second := e.attestedJob(t, termed)

	_, err = e.chain.Warp(ctx, jobs.DefaultChallengeWindow+time.Second)
	require.NoError(t, err)
	var paid, fees uint64
	for _, job := range []*struct {
		id uint64
		j  *gen.Job
	}{{killed, first}, {termed, second}} {
		_, err := e.jc.SettleJob(ctx, e.operator, job.id)
		require.NoError(t, err)
		s, err := jobs.Settle(job.j.Escrowed, job.j.PricePerHour, job.j.MaxDurationSeconds, job.j.FeeBps, uint64(job.j.EndedTs-job.j.StartedTs))
		require.NoError(t, err)
		require.Positive(t, s.Paid)
		paid, fees = paid+s.Paid, fees+s.Fee
	}
	require.Equal(t, ownerStart+paid, e.tokenBalance(t, w.owner.PublicKey(), ioMint))
	// The buyer paid exactly the work and its fee; the rest of both escrows came back.
	require.Equal(t, buyerStart-paid-fees, e.tokenBalance(t, buyer.PublicKey(), ioMint),
		"buyer %s IO", solanax.FormatAmount(e.tokenBalance(t, buyer.PublicKey(), ioMint), solanax.IODecimals))
}
