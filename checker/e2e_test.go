package checker_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

const oneIO = staking.IO

// proc is a daemon process with its logs, killed (and its logs shown on failure) at cleanup.
type proc struct {
	name string
	cmd  *exec.Cmd
	logs *localnettest.SyncBuffer
}

func start(t testing.TB, name, bin, dir string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(bin, args...), logs: &localnettest.SyncBuffer{}}
	p.cmd.Stdout, p.cmd.Stderr, p.cmd.Dir = p.logs, p.logs, dir
	p.cmd.Env = append(os.Environ(), "HOME="+dir)
	require.NoError(t, p.cmd.Start())
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		_ = p.cmd.Wait()
		if t.Failed() {
			t.Logf("%s logs:\n%s", name, p.logs.String())
		}
	})
	return p
}

// worker is an ionet-worker process on a staked CPU-TEST device.
type worker struct {
	owner, device solana.PrivateKey
}

// startWorker registers and stakes a device through `ionet-worker init` and runs it with runtime
// (process, or the test-only dishonest).
func (e *env) startWorker(t testing.TB, name, runtime string) worker {
	ctx := localnettest.Context(t)
	dir := t.TempDir()
	owner, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 5_000 * oneIO})
	require.NoError(t, err)
	device := solana.NewWallet().PrivateKey
	settings := map[string]any{"rpc_url": e.chain.RPCURL, "ws_url": e.chain.WSURL, "runtime": runtime,
		"owner_keypair": writeKeypair(t, dir, "owner", owner), "device_keypair": writeKeypair(t, dir, "device", device),
		"gpu_class": "CPU-TEST", "gpu_count": 1, "work_dir": filepath.Join(dir, "work"),
		"metrics_addr": "127.0.0.1:0", "poll_interval": "1s", "claim_interval": "1s"}
	data, err := json.Marshal(settings)
	require.NoError(t, err)
	file := filepath.Join(dir, "worker.json")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	out, err := exec.CommandContext(ctx, workerBin, "init", "-o", "json", "--worker-config", file).CombinedOutput()
	require.NoError(t, err, string(out))
	_, err = e.jc.Staking.StakeDevice(ctx, owner, device.PublicKey(), 2_000*oneIO)
	require.NoError(t, err)
	start(t, name, workerBin, dir, "run", "--worker-config", file)
	return worker{owner: owner, device: device}
}

// checkerProc is a registered checker, with its daemon running unless silent.
type checkerProc struct {
	owner, verdict solana.PrivateKey
}

// startChecker registers a checker staking stake IO and, unless silent, runs ionet-checker
// for it (with runtime: process, or the test-only dishonest for a lying checker). Each test has
// its own chain, so the draws pick among the test's own checkers.
func (e *env) startChecker(t testing.TB, name string, stake uint64, runtime string, silent bool) checkerProc {
	ctx := localnettest.Context(t)
	dir := t.TempDir()
	owner, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: stake + 100*oneIO})
	require.NoError(t, err)
	c := checkerProc{owner: owner, verdict: solana.NewWallet().PrivateKey}
	if silent {
		scfg, err := e.jc.Staking.FetchConfig(ctx)
		require.NoError(t, err)
		class, err := staking.ClassIndex(scfg, "CPU-TEST")
		require.NoError(t, err)
		_, err = e.jc.RegisterChecker(ctx, owner, c.verdict.PublicKey(), 1<<class, stake)
		require.NoError(t, err)
		return c
	}
	start(t, name, checkerBin, dir, "run", "--url", e.chain.RPCURL, "--keypair", writeKeypair(t, dir, "owner", owner),
		"--verdict-keypair", writeKeypair(t, dir, "verdict", c.verdict), "--work-dir", "work", "--runtime", runtime,
		"--register", strconv.FormatUint(stake/oneIO, 10), "--classes", "CPU-TEST",
		"--listen", "", "--poll-interval", "500ms", "--tick", "200ms", "--margin", "2s")
	waitFor(t, name+" registered", func() bool {
		_, err := e.jc.FetchChecker(ctx, owner.PublicKey())
		return err == nil
	})
	return c
}

// waitFor polls cond until it holds or 90 s pass.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// postJob posts and publishes a one-hour CPU-TEST job for a deterministic spec, paid in IO.
func (e *env) postJob(t testing.TB, buyer solana.PrivateKey) uint64 {
	t.Helper()
	ctx := localnettest.Context(t)
	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `sleep 2; echo "epoch 1 loss 0.25"; echo 42 > "$IONET_OUTPUT_DIR/answer.txt"`}}
	h, err := spec.Hash()
	require.NoError(t, err)
	scfg, err := e.jc.Staking.FetchConfig(ctx)
	require.NoError(t, err)
	class, err := staking.ClassIndex(scfg, "CPU-TEST")
	require.NoError(t, err)
	fixed, err := e.jc.Fixed(ctx)
	require.NoError(t, err)
	id, _, err := e.jc.CreateJob(ctx, buyer, fixed.IOMint, jobs.Terms{SpecHash: h, GPUClass: class, GPUCount: 1,
		PricePerHour: 100 * oneIO, MaxDurationSeconds: jobs.SecondsPerHour})
	require.NoError(t, err)
	require.NoError(t, e.jc.PublishSpec(ctx, buyer, id, spec))
	return id
}

// verdict is one VerdictSubmitted event of a job's audit.
type verdict struct {
	Checker solana.PublicKey
	Slot    uint8
	Matched bool
}

// followAudit waits for job id to be drawn for audit and then to close, and returns the
// verdicts its audit received, in order (read from the audit's transactions: the Audit account
// closes with the job).
func (e *env) followAudit(t testing.TB, id uint64) []verdict {
	t.Helper()
	ctx := localnettest.Context(t)
	audited := false
	waitFor(t, "the job audited and closed", func() bool {
		if _, err := e.jc.FetchAudit(ctx, id); err == nil {
			audited = true
		}
		_, err := e.jc.FetchJob(ctx, id)
		return errors.Is(err, jobs.ErrNotFound)
	})
	require.True(t, audited, "job %d closed without an audit", id)
	jobAddr, err := jobs.JobAddress(e.jc.ProgramID, id)
	require.NoError(t, err)
	auditAddr, err := jobs.AuditAddress(e.jc.ProgramID, jobAddr)
	require.NoError(t, err)
	sigs, err := e.sx.RPC.GetSignaturesForAddressWithOpts(ctx, auditAddr, &rpc.GetSignaturesForAddressOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	var out []verdict
	for i := len(sigs) - 1; i >= 0; i-- { // oldest first
		if sigs[i].Err != nil {
			continue
		}
		v := uint64(0)
		tx, err := e.sx.RPC.GetTransaction(ctx, sigs[i].Signature, &rpc.GetTransactionOpts{Commitment: rpc.CommitmentConfirmed, MaxSupportedTransactionVersion: &v})
		require.NoError(t, err)
		for _, ev := range jobs.Events(tx.Meta.LogMessages, e.jc.ProgramID) {
			if v, ok := ev.(*gen.VerdictSubmitted); ok && v.JobId == id {
				out = append(out, verdict{Checker: v.Checker, Slot: v.Slot, Matched: v.Matched == 1})
			}
		}
	}
	return out
}

func (e *env) buyer(t testing.TB) solana.PrivateKey {
	b, err := e.chain.NewWallet(localnettest.Context(t), localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 1_000 * oneIO})
	require.NoError(t, err)
	return b
}

func (e *env) checkerAccount(t testing.TB, owner solana.PublicKey) *gen.Checker {
	t.Helper()
	ch, err := e.jc.FetchChecker(localnettest.Context(t), owner)
	require.NoError(t, err)
	return ch
}

// TestHonestJobAuditedAndConfirmed: an honest worker's job is drawn, the one checker re-runs it,
// its verdict matches, and the job settles at once: the worker paid, the checker paid its share
// of the fee.
func TestHonestJobAuditedAndConfirmed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.startChecker(t, "checker", 1_000*oneIO, "process", false)
	w := e.startWorker(t, "worker", "process")
	b := e.buyer(t)
	checkerBefore, workerBefore := e.ioBalance(t, c.owner.PublicKey()), e.ioBalance(t, w.owner.PublicKey())
	id := e.postJob(t, b)
	assert.Equal(t, []verdict{{Checker: c.owner.PublicKey(), Slot: 0, Matched: true}}, e.followAudit(t, id))
	assert.Greater(t, e.ioBalance(t, w.owner.PublicKey()), workerBefore, "the worker was paid")
	assert.Greater(t, e.ioBalance(t, c.owner.PublicKey()), checkerBefore, "the checker was paid its share of the fee")
	assert.Zero(t, e.checkerAccount(t, c.owner.PublicKey()).OpenAudits)
}

// TestDishonestWorkerConvicted: a worker running the test-only dishonest runtime attests a wrong
// result; the first checker's mismatch brings two more; all three mismatch: the device is
// slashed the fraud penalty, the buyer refunded in full and the checkers paid from the slash.
func TestDishonestWorkerConvicted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var cs []checkerProc
	for _, n := range []string{"checker-a", "checker-b", "checker-c"} {
		cs = append(cs, e.startChecker(t, n, 1_000*oneIO, "process", false))
	}
	w := e.startWorker(t, "cheat", "dishonest")
	b := e.buyer(t)
	ctx := localnettest.Context(t)
	cfg, err := e.jc.FetchConfig(ctx)
	require.NoError(t, err)
	buyerBefore := e.ioBalance(t, b.PublicKey())
	dev, err := e.jc.Staking.FetchDevice(ctx, w.device.PublicKey())
	require.NoError(t, err)
	id := e.postJob(t, b)
	vs := e.followAudit(t, id)
	// One mismatch brings two more checkers; two mismatches of three decide (the third verdict
	// may come too late to count).
	require.GreaterOrEqual(t, len(vs), 2)
	voters := map[solana.PublicKey]bool{}
	for _, v := range vs {
		assert.False(t, v.Matched, "every checker's re-run differs from the tampered result")
		voters[v.Checker] = true
	}
	assert.Equal(t, buyerBefore, e.ioBalance(t, b.PublicKey()), "the buyer refunded in full")
	after, err := e.jc.Staking.FetchDevice(ctx, w.device.PublicKey())
	require.NoError(t, err)
	assert.Equal(t, dev.Stake-cfg.FraudPenalty, after.Stake, "the device slashed the fraud penalty")
	for _, c := range cs {
		ch := e.checkerAccount(t, c.owner.PublicKey())
		assert.Zero(t, ch.OpenAudits)
		if voters[c.owner.PublicKey()] {
			assert.Positive(t, ch.Rewards, "each checker of the majority paid from the slash")
		}
	}
}

// TestLyingCheckerOutvoted: a checker that answers "mismatch" about an honest result (the
// test-only dishonest runtime on its side) is outvoted by two re-runs and loses the minority
// penalty to them; the worker is paid.
func TestLyingCheckerOutvoted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	liar := e.startChecker(t, "liar", 100_000*oneIO, "dishonest", false) // its stake makes it the likely first pick
	honest := []checkerProc{e.startChecker(t, "checker-a", 1_000*oneIO, "process", false), e.startChecker(t, "checker-b", 1_000*oneIO, "process", false)}
	w := e.startWorker(t, "worker", "process")
	b := e.buyer(t)
	ctx := localnettest.Context(t)
	cfg, err := e.jc.FetchConfig(ctx)
	require.NoError(t, err)
	workerBefore := e.ioBalance(t, w.owner.PublicKey())
	id := e.postJob(t, b)
	vs := e.followAudit(t, id)
	require.NotEmpty(t, vs)
	// Verdicts come in the order they were revealed; the escalating liar may reveal last, so the
	// audit's slots say who was drawn first.
	bySlot := map[uint8]verdict{}
	for _, v := range vs {
		bySlot[v.Slot] = v
	}
	if first, ok := bySlot[0]; !ok || !first.Checker.Equals(liar.owner.PublicKey()) {
		t.Skipf("the stake-weighted draw picked %s first, not the liar (p = 1/51)", first.Checker)
	}
	require.Len(t, vs, 3)
	assert.Equal(t, []bool{false, true, true}, []bool{bySlot[0].Matched, bySlot[1].Matched, bySlot[2].Matched})
	assert.Greater(t, e.ioBalance(t, w.owner.PublicKey()), workerBefore, "the worker was paid")
	assert.Equal(t, 100_000*oneIO-cfg.CheckerMinorityPenalty, e.checkerAccount(t, liar.owner.PublicKey()).Stake, "the liar lost the minority penalty")
	var rewards uint64
	for _, c := range honest {
		rewards += e.checkerAccount(t, c.owner.PublicKey()).Rewards
	}
	assert.Equal(t, cfg.CheckerMinorityPenalty, rewards, "paid to the majority")

	// A majority checker claims what it earned.
	earned := e.checkerAccount(t, honest[0].owner.PublicKey()).Rewards
	before := e.ioBalance(t, honest[0].owner.PublicKey())
	_, err = e.jc.ClaimCheckerRewards(ctx, honest[0].owner)
	require.NoError(t, err)
	assert.Equal(t, before+earned, e.ioBalance(t, honest[0].owner.PublicKey()))
	assert.Zero(t, e.checkerAccount(t, honest[0].owner.PublicKey()).Rewards)
}

// TestSilentCheckerReplaced: a registered checker whose daemon never answers misses its
// deadline, loses the miss penalty and is replaced by the next draw; the job settles.
func TestSilentCheckerReplaced(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	silent := e.startChecker(t, "silent", 100_000*oneIO, "", true) // likely first pick
	c := e.startChecker(t, "checker", 1_000*oneIO, "process", false)
	w := e.startWorker(t, "worker", "process")
	b := e.buyer(t)
	ctx := localnettest.Context(t)
	cfg, err := e.jc.FetchConfig(ctx)
	require.NoError(t, err)
	workerBefore := e.ioBalance(t, w.owner.PublicKey())
	id := e.postJob(t, b)
	var first solana.PublicKey
	waitFor(t, "the first checker assigned", func() bool {
		a, err := e.jc.FetchAudit(ctx, id)
		if err == nil && !a.Checkers[0].IsZero() {
			first = a.Checkers[0]
			return true
		}
		return false
	})
	if !first.Equals(silent.owner.PublicKey()) {
		t.Skipf("the stake-weighted draw picked %s first, not the silent checker (p = 1/101)", first)
	}
	// The chain's clock passes the silent checker's deadline at once rather than the test waiting
	// it out; the running checker's keeper duties then replace it.
	_, err = e.chain.Warp(ctx, (verdictSeconds+1)*time.Second)
	require.NoError(t, err)
	assert.Equal(t, []verdict{{Checker: c.owner.PublicKey(), Slot: 0, Matched: true}}, e.followAudit(t, id), "only the replacement answered")
	assert.Equal(t, 100_000*oneIO-cfg.CheckerMissPenalty, e.checkerAccount(t, silent.owner.PublicKey()).Stake, "the silent checker lost the miss penalty")
	assert.Greater(t, e.ioBalance(t, w.owner.PublicKey()), workerBefore, "the worker was paid")
}
