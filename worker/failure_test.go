package worker_test

import (
	"os/exec"
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

// TestWorkerAttestsFailedRunsHonestly: a job whose command fails is attested as failed: the
// buyer has the whole escrow back at once, the job settles after its window paying nothing, and
// the device's stake is untouched (no expiry penalty). The worker here has no websocket and
// finds the job by polling alone.
func TestWorkerAttestsFailedRunsHonestly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := localnettest.Context(t)
	specDir := t.TempDir()
	w := e.newWorker(t, "worker-fail", specDir, func(s map[string]any) { s["ws_url"], s["poll_interval"] = "", "500ms" })
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 100_000 * oneIO})
	require.NoError(t, err)
	ioMint := e.chain.Manifest.Mints.IO.Address
	before := e.tokenBalance(t, buyer.PublicKey(), ioMint)
	stake, err := e.jc.Staking.FetchDevice(ctx, w.device.PublicKey())
	require.NoError(t, err)

	id := e.postJob(t, buyer, specDir, &jobs.Spec{Command: []string{"/bin/sh", "-c", "echo broken >&2; exit 3"}}, ioMint, 3_600*oneIO)
	waitFor(t, "failure attested", func() bool { return w.records(t)[id].Phase == store.Attested })
	rec := w.records(t)[id]
	assert.True(t, rec.Failed)
	assert.Contains(t, rec.Reason, "exited with code 3")
	job, err := e.jc.FetchJob(ctx, id)
	require.NoError(t, err)
	require.Equal(t, jobs.StateAttested, jobs.State(job.State))
	require.Equal(t, uint8(1), job.Failed)
	assert.Equal(t, before, e.tokenBalance(t, buyer.PublicKey(), ioMint), "the buyer is refunded in full at once")

	_, err = e.chain.Warp(ctx, jobs.DefaultChallengeWindow+time.Second)
	require.NoError(t, err)
	_, err = e.jc.SettleJob(ctx, e.operator, id)
	require.NoError(t, err)
	waitFor(t, "worker books the settlement", func() bool { return w.records(t)[id].Phase == store.Settled })
	assert.Zero(t, w.records(t)[id].Paid)
	after, err := e.jc.Staking.FetchDevice(ctx, w.device.PublicKey())
	require.NoError(t, err)
	assert.Equal(t, stake.Stake, after.Stake, "no penalty")
	assert.Zero(t, after.JobReserve, "the job's reserve released")
	assert.Equal(t, before, e.tokenBalance(t, buyer.PublicKey(), ioMint))
}

// TestInitRefusesAGPUClassWithoutGPU: on a host without a GPU, init will not register a GPU
// class, and says why. It checks the host before it reads the chain, so no chain is needed: the
// URL names a port where nothing listens.
func TestInitRefusesAGPUClassWithoutGPU(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, err := exec.CommandContext(localnettest.Context(t), workerBin, "init", "--url", "http://127.0.0.1:1",
		"--owner", writeKeypair(t, dir, "owner", solana.NewWallet().PrivateKey),
		"--device", writeKeypair(t, dir, "device", solana.NewWallet().PrivateKey),
		"--gpu-class", "H100", "--gpu-count", "1").CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "no GPU on this host")
	assert.Contains(t, string(out), "register the device as CPU-TEST")
}
