package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/worker/gpu"
	"github.com/ionet-oss/ionet/worker/metrics"
	"github.com/ionet-oss/ionet/worker/results"
	"github.com/ionet-oss/ionet/worker/runtime"
	"github.com/ionet-oss/ionet/worker/store"
)

// Options are what a Worker runs with; workercli builds them from the configuration.
type Options struct {
	Owner, Device solana.PrivateKey
	Runtime       runtime.Runtime
	Store         *store.Store
	Specs         SpecDir
	WorkDir       string // each job runs in WorkDir/jobs/<id>
	// PriceFloor is the lowest accepted price per hour, by payment mint.
	PriceFloor map[solana.PublicKey]uint64
	GPUs       gpu.Facts
	WSURL      string        // "" finds jobs by polling alone
	Poll       time.Duration // how often open jobs are listed (and settlements checked)
	Margin     time.Duration // stop a run this long before the job's deadline
	// ShutdownGrace is how long a running job may go on after shutdown is asked for.
	ShutdownGrace time.Duration
	// Liveness sends the per-epoch heartbeat and claims its rewards; nil sends none.
	Liveness Liveness
	// ClaimEvery is how often minted liveness rewards are claimed.
	ClaimEvery time.Duration
	// Uploader delivers results to a spec's output target; nil uses results.NewUploader.
	Uploader *results.Uploader
	Metrics  *metrics.Metrics
	Log      *slog.Logger
}

// Worker takes, runs and attests jobs for one device.
type Worker struct {
	opt    Options
	jc     *jobs.Client
	device Device
	mints  map[solana.PublicKey]string // payment mint -> "IO" / "USDC"
	// skipped remembers open jobs seen and not taken, with why, to log each once (job loop only).
	skipped map[uint64]string
	// liveEpoch is the last epoch with this device's heartbeat; lastClaim the last claim pass
	// (liveness duty only).
	liveEpoch uint64
	lastClaim time.Time

	mu sync.Mutex
	// ineligible is the last reason the device could not take jobs, to log each reason once.
	ineligible string
	// running holds the jobs with a goroutine at work on them, with the GPUs each holds.
	running map[uint64]uint64
	runs    sync.WaitGroup
	// freed wakes the job loop when a run ends (its GPUs are free again).
	freed chan struct{}
}

// Device is the registered device as the worker checked it at start.
type Device struct {
	Key      solana.PublicKey
	Class    uint8
	Name     string
	GPUCount uint64
}

// New checks the device against the chain and the host: registered to the owner, of a class
// and count this host's GPUs can serve.
func New(ctx context.Context, jc *jobs.Client, opt Options) (*Worker, error) {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Metrics == nil {
		opt.Metrics = metrics.New()
	}
	if opt.Uploader == nil {
		opt.Uploader = results.NewUploader(opt.Log)
	}
	// Jobs run in their own directory (the process runtime's working directory): a relative
	// work directory would no longer point at it.
	abs, err := filepath.Abs(opt.WorkDir)
	if err != nil {
		return nil, fmt.Errorf("work directory %q: %w", opt.WorkDir, err)
	}
	opt.WorkDir = abs
	dev, cfg, err := readDevice(ctx, jc.Staking, opt.Device.PublicKey())
	if err != nil {
		return nil, err
	}
	if !dev.Owner.Equals(opt.Owner.PublicKey()) {
		return nil, fmt.Errorf("device %s is registered to %s, not to the owner key %s: use that owner's keypair", opt.Device.PublicKey(), dev.Owner, opt.Owner.PublicKey())
	}
	d := Device{Key: dev.DeviceKey, Class: dev.GpuClass, GPUCount: dev.GpuCount, Name: staking.ClassName(cfg.GpuClasses[dev.GpuClass])}
	if err := opt.GPUs.Check(d.Name, d.GPUCount); err != nil {
		return nil, fmt.Errorf("device %s is registered as %d x %s: %w", d.Key, d.GPUCount, d.Name, err)
	}
	fixed, err := jc.Fixed(ctx)
	if err != nil {
		return nil, err
	}
	return &Worker{opt: opt, jc: jc, device: d, skipped: map[uint64]string{}, running: map[uint64]uint64{},
		freed: make(chan struct{}, 1), mints: map[solana.PublicKey]string{fixed.IOMint: "IO", fixed.USDCMint: "USDC"}}, nil
}

func readDevice(ctx context.Context, stk *staking.Client, key solana.PublicKey) (*stakinggen.Device, *stakinggen.Config, error) {
	dev, err := stk.FetchDevice(ctx, key)
	if errors.Is(err, staking.ErrNotFound) {
		return nil, nil, fmt.Errorf("device %s is not registered: run `ionet-worker init` first", key)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read device %s: %w", key, err)
	}
	cfg, err := stk.FetchConfig(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read staking config: %w", err)
	}
	if dev.GpuClass >= cfg.GpuClassCount {
		return nil, nil, fmt.Errorf("device %s has GPU class %d, which is no longer in the class table", key, dev.GpuClass)
	}
	return dev, cfg, nil
}

// Run works until ctx ends. Its duties go on each on its own schedule, never waiting for a
// job: the liveness heartbeat and reward claims, following attested jobs to settlement, and
// the job loop, which resumes what the store holds and takes matching jobs while the device
// has GPUs free, each run in its own goroutine. At the end it waits for the running jobs
// (each gets ShutdownGrace to finish).
func (w *Worker) Run(ctx context.Context) error {
	log := w.opt.Log
	log.Info("worker started", "device", w.device.Key, "class", w.device.Name, "gpus", w.device.GPUCount,
		"runtime", w.opt.Runtime.Name(), "workDir", w.opt.WorkDir, "host", w.opt.GPUs.Summary())
	var duties sync.WaitGroup
	if w.opt.Liveness != nil {
		duties.Go(func() { every(ctx, w.opt.Poll, w.liveness) })
	}
	duties.Go(func() { every(ctx, w.opt.Poll, w.followSettlements) })
	wake := make(chan struct{}, 1)
	if w.opt.WSURL != "" {
		duties.Go(func() { w.watch(ctx, wake) })
	}
	tick := time.NewTicker(w.opt.Poll)
	defer tick.Stop()
	for ctx.Err() == nil {
		for w.pass(ctx) { // after a claim, list again at once: the rest of the list is stale
		}
		select {
		case <-ctx.Done():
		case <-tick.C:
		case <-wake:
		case <-w.freed:
		}
	}
	duties.Wait()
	w.runs.Wait()
	log.Info("worker stopped")
	return nil
}

// every runs duty now and then every period until ctx ends.
func every(ctx context.Context, period time.Duration, duty func(context.Context)) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	for ctx.Err() == nil {
		duty(ctx)
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
}

// liveness is the heartbeat duty: one heartbeat per epoch while the device is eligible.
func (w *Worker) liveness(ctx context.Context) {
	if w.eligible(ctx) {
		w.heartbeat(ctx)
	}
}

// spawn runs work on job id in its own goroutine unless one is at it already; the job holds
// gpus of the device's GPUs until work returns. It reports whether it started.
func (w *Worker) spawn(id, gpus uint64, work func()) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, busy := w.running[id]; busy {
		return false
	}
	w.running[id] = gpus
	w.runs.Go(func() {
		defer func() {
			w.mu.Lock()
			delete(w.running, id)
			w.mu.Unlock()
			select {
			case w.freed <- struct{}{}:
			default:
			}
		}()
		work()
	})
	return true
}

// freeGPUs is the device's GPUs not held by a running job.
func (w *Worker) freeGPUs() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	free := w.device.GPUCount
	for _, g := range w.running {
		free -= min(g, free)
	}
	return free
}

// pass resumes what the store holds unfinished (after a restart, or a step that failed for
// want of the chain) and takes the first open job that matches while GPUs are free; it
// reports whether it claimed one.
func (w *Worker) pass(ctx context.Context) bool {
	for _, r := range w.opt.Store.Open() {
		if r.Phase != store.Attested && ctx.Err() == nil {
			w.spawn(r.ID, max(r.GPUs, 1), func() { w.resume(ctx, r) })
		}
	}
	if ctx.Err() != nil || w.freeGPUs() == 0 || !w.eligible(ctx) {
		return false
	}
	open := jobs.StateOpen
	list, err := w.jc.ListJobs(ctx, jobs.Filter{State: &open})
	if err != nil {
		w.rpcFailed("list", err)
		return false
	}
	w.opt.Metrics.ChainOK()
	listed := make(map[uint64]bool, len(list))
	for _, job := range list {
		listed[job.Id] = true
	}
	for id := range w.skipped { // closed or taken by others: forget why they were skipped
		if !listed[id] {
			delete(w.skipped, id)
		}
	}
	for _, job := range list {
		if ctx.Err() != nil {
			return false
		}
		if w.consider(ctx, job) {
			return ctx.Err() == nil
		}
	}
	return false
}

// eligible reports whether the device's stake still covers its class and count.
func (w *Worker) eligible(ctx context.Context) bool {
	dev, cfg, err := readDevice(ctx, w.jc.Staking, w.device.Key)
	if err != nil {
		w.rpcFailed("device", err)
		return false
	}
	e := staking.DeviceEligibility(cfg, dev)
	w.opt.Metrics.SetEligible(e.Eligible, e.Reason)
	w.mu.Lock()
	defer w.mu.Unlock()
	if !e.Eligible && e.Reason != w.ineligible {
		w.opt.Log.Warn("device not eligible for jobs or heartbeats", "reason", e.Reason)
	}
	if e.Eligible && w.ineligible != "" {
		w.opt.Log.Info("device eligible again", "reason", e.Reason)
	}
	if w.ineligible = ""; !e.Eligible {
		w.ineligible = e.Reason
	}
	return e.Eligible
}

func (w *Worker) rpcFailed(op string, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	w.opt.Metrics.ChainFailed(op, err)
	w.opt.Log.Warn("chain read failed", "op", op, "err", err)
}

func (w *Worker) chainTime(ctx context.Context) (int64, error) {
	var ts int64
	err := retry(ctx, "clock", w.opt.Metrics, w.opt.Log, func() error {
		var err error
		ts, err = solanax.ChainTime(ctx, w.jc.Solana().RPC)
		return err
	})
	return ts, err
}
