package worker_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	"github.com/ionet-oss/ionet/worker/store"
)

const (
	oneIO   = staking.IO
	oneUSDC = 1_000_000
)

// workerProc is a running ionet-worker process with its keys and directories.
type workerProc struct {
	name          string
	owner, device solana.PrivateKey
	args          []string
	dir, workDir  string // dir is the process's working directory
	cmd           *exec.Cmd
	logs          *lockedBuffer
}

// newWorker funds an owner, registers and stakes a CPU-TEST device through `ionet-worker
// init` and the staking client, and starts `ionet-worker run` on it. Its settings go in a JSON
// config file, which each change may edit first.
func (e *env) newWorker(t testing.TB, name, specDir string, changes ...func(settings map[string]any)) *workerProc {
	ctx := localnettest.Context(t)
	dir := t.TempDir()
	owner, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 5_000 * oneIO})
	require.NoError(t, err)
	device := solana.NewWallet().PrivateKey
	w := &workerProc{name: name, owner: owner, device: device, dir: dir, workDir: filepath.Join(dir, "work")}
	settings := map[string]any{"rpc_url": e.chain.RPCURL, "ws_url": e.chain.WSURL,
		"owner_keypair": writeKeypair(t, dir, "owner", owner), "device_keypair": writeKeypair(t, dir, "device", device),
		"gpu_class": "CPU-TEST", "gpu_count": 1, "work_dir": w.workDir, "spec_dir": specDir,
		"metrics_addr": "127.0.0.1:0", "poll_interval": "1s", "claim_interval": "1s"}
	for _, change := range changes {
		change(settings)
	}
	data, err := json.Marshal(settings)
	require.NoError(t, err)
	file := filepath.Join(dir, "worker.json")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	w.args = []string{"--worker-config", file}

	out, err := exec.CommandContext(ctx, workerBin, append([]string{"init", "-o", "json"}, w.args...)...).CombinedOutput()
	require.NoError(t, err, string(out))
	var report struct {
		RegisteredNow bool   `json:"registeredNow"`
		Missing       uint64 `json:"missing"`
		Eligible      bool   `json:"eligible"`
	}
	require.NoError(t, json.Unmarshal(out, &report), string(out))
	// CPU-TEST's multiplier is 0.1, counted as 1: 200 IO for one GPU; but a claim reserves the
	// worst-case penalty (the 1,000 IO fraud penalty) of free stake, so 1,000 IO to take a job.
	require.True(t, report.RegisteredNow)
	require.False(t, report.Eligible)
	require.Equal(t, uint64(1_000*oneIO), report.Missing)
	// Enough for four jobs held at once (each stays reserved until it settles).
	_, err = e.jc.Staking.StakeDevice(ctx, owner, device.PublicKey(), 4*report.Missing)
	require.NoError(t, err)
	w.start(t)
	return w
}

func (w *workerProc) start(t testing.TB) {
	w.logs = &lockedBuffer{}
	w.cmd = exec.Command(workerBin, append([]string{"run"}, w.args...)...)
	w.cmd.Stdout, w.cmd.Stderr, w.cmd.Dir = w.logs, w.logs, w.dir
	require.NoError(t, w.cmd.Start())
	t.Cleanup(func() {
		w.stop(syscall.SIGKILL)
		if t.Failed() {
			t.Logf("%s logs:\n%s", w.name, w.logs.String())
		}
	})
}

// stop signals the process and waits for it.
func (w *workerProc) stop(sig syscall.Signal) {
	if w.cmd.ProcessState != nil {
		return
	}
	_ = w.cmd.Process.Signal(sig)
	_ = w.cmd.Wait()
}

// records reads the worker's state file.
func (w *workerProc) records(t testing.TB) map[uint64]store.Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.workDir, "state", "state.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	require.NoError(t, err)
	var recs []store.Record
	require.NoError(t, json.Unmarshal(data, &recs))
	out := map[uint64]store.Record{}
	for _, r := range recs {
		out[r.ID] = r
	}
	return out
}

func (w *workerProc) ran(id uint64) bool {
	_, err := os.Stat(filepath.Join(w.workDir, "jobs", strconv.FormatUint(id, 10), "manifest.json"))
	return err == nil
}

// postJob publishes spec and posts a one-hour CPU-TEST job for it at price per hour in mint.
func (e *env) postJob(t testing.TB, buyer solana.PrivateKey, specDir string, spec *jobs.Spec, mint solana.PublicKey, price uint64) uint64 {
	t.Helper()
	return e.postJobFor(t, buyer, specDir, spec, mint, price, jobs.SecondsPerHour)
}

// postJobFor is postJob for a job of at most seconds. The spec travels through the protocol:
// the buyer publishes it in the job's spec account (specDir, the worker's cache, stays empty).
func (e *env) postJobFor(t testing.TB, buyer solana.PrivateKey, _ string, spec *jobs.Spec, mint solana.PublicKey, price, seconds uint64) uint64 {
	t.Helper()
	id := e.createJob(t, buyer, spec, mint, price, seconds)
	require.NoError(t, e.jc.PublishSpec(localnettest.Context(t), buyer, id, spec))
	return id
}

// createJob posts a CPU-TEST job for spec without publishing the spec.
func (e *env) createJob(t testing.TB, buyer solana.PrivateKey, spec *jobs.Spec, mint solana.PublicKey, price, seconds uint64) uint64 {
	t.Helper()
	h, err := spec.Hash()
	require.NoError(t, err)
	scfg, err := e.jc.Staking.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	class, err := staking.ClassIndex(scfg, "CPU-TEST")
	require.NoError(t, err)
	id, _, err := e.jc.CreateJob(localnettest.Context(t), buyer, mint, jobs.Terms{SpecHash: h, GPUClass: class, GPUCount: 1,
		PricePerHour: price, MaxDurationSeconds: seconds})
	require.NoError(t, err)
	return id
}

// waitFor polls cond until it holds or a minute passes.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func (e *env) attestedJob(t testing.TB, id uint64) *gen.Job {
	var job *gen.Job
	waitFor(t, "job attested", func() bool {
		j, err := e.jc.FetchJob(localnettest.Context(t), id)
		if err == nil && jobs.State(j.State) == jobs.StateAttested {
			job = j
			return true
		}
		return false
	})
	return job
}

// expectedPay is what settling job pays its worker, by the program's rule.
func expectedPay(t *testing.T, job *gen.Job) uint64 {
	t.Helper()
	s, err := jobs.Settle(job.Escrowed, job.PricePerHour, job.MaxDurationSeconds, job.FeeBps, uint64(job.EndedTs-job.StartedTs))
	require.NoError(t, err)
	return s.Paid
}

// TestWorkersRunJobsInBothCurrencies: two worker processes take jobs paid in IO and USDC,
// never the same one, run them, attest, and are paid exactly what the program's rule says
// once the jobs settle after the challenge window.
func TestWorkersRunJobsInBothCurrencies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := localnettest.Context(t)
	specDir := t.TempDir()
	workers := []*workerProc{e.newWorker(t, "worker-a", specDir), e.newWorker(t, "worker-b", specDir)}
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 100_000 * oneIO, USDC: 100_000 * oneUSDC})
	require.NoError(t, err)
	ioMint, usdcMint := e.chain.Manifest.Mints.IO.Address, e.chain.Manifest.Mints.USDC.Address

	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `sleep 2; echo "job $IONET_JOB_ID" > "$IONET_OUTPUT_DIR/result.txt"`}}
	mints := map[uint64]solana.PublicKey{}
	for i, mint := range []solana.PublicKey{ioMint, usdcMint, ioMint, usdcMint} {
		price := uint64(3_600 * oneIO) // 1 IO a second
		if mint.Equals(usdcMint) {
			price = 3_600 * oneUSDC
		}
		spec.Environment = map[string]string{"RUN": strconv.Itoa(i)} // distinct specs
		mints[e.postJob(t, buyer, specDir, spec, mint, price)] = mint
	}

	attested := map[uint64]*gen.Job{}
	for id := range mints {
		attested[id] = e.attestedJob(t, id)
	}
	// Every job ran on exactly the device that claimed it.
	for id, job := range attested {
		var ranOn []string
		for _, w := range workers {
			if w.ran(id) {
				ranOn = append(ranOn, w.name)
				assert.Equal(t, w.device.PublicKey(), job.DeviceKey, "job %d ran on %s but was claimed by %s", id, w.name, job.DeviceKey)
			}
		}
		assert.Len(t, ranOn, 1, "job %d ran on %v", id, ranOn)
	}

	before := map[string]uint64{}
	owners := map[solana.PublicKey]*workerProc{}
	for _, w := range workers {
		owners[w.device.PublicKey()] = w
		for _, m := range []solana.PublicKey{ioMint, usdcMint} {
			before[w.name+m.String()] = e.tokenBalance(t, w.owner.PublicKey(), m)
		}
	}
	_, err = e.chain.Warp(ctx, jobs.DefaultChallengeWindow+time.Second)
	require.NoError(t, err)
	want := map[string]uint64{}
	for id, job := range attested {
		_, err := e.jc.SettleJob(ctx, e.operator, id)
		require.NoError(t, err)
		pay := expectedPay(t, job)
		require.Positive(t, pay, "job %d ran %d..%d", id, job.StartedTs, job.EndedTs)
		t.Logf("job %d: ran %d s on %s, paid %d", id, job.EndedTs-job.StartedTs, job.DeviceKey, pay)
		w := owners[job.DeviceKey]
		want[w.name+mints[id].String()] += pay
		// The worker sees the settlement and books the same payment.
		waitFor(t, "worker books the settlement", func() bool {
			r := w.records(t)[id]
			return r.Phase == store.Settled && r.Paid == pay
		})
	}
	for _, w := range workers {
		for _, m := range []solana.PublicKey{ioMint, usdcMint} {
			key := w.name + m.String()
			assert.Equal(t, before[key]+want[key], e.tokenBalance(t, w.owner.PublicKey(), m), "%s balance in %s", w.name, m)
		}
	}
}

// lockedBuffer collects a process's output safely for concurrent writes and reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
