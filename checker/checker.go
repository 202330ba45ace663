package checker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax/programwatch"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// Chain is the jobs program as the checker uses it; *jobs.Client provides it (chain.go adapts it).
type Chain interface {
	ProgramID() solana.PublicKey
	// Audits lists every Audit account with its address.
	Audits(ctx context.Context) ([]Assigned, error)
	// Job reads the job at addr.
	Job(ctx context.Context, addr solana.PublicKey) (*gen.Job, error)
	// Spec reads and verifies job's published spec.
	Spec(ctx context.Context, job *gen.Job) (*jobs.Spec, error)
	// SubmitVerdict commits the checker to digest on job (submit_verdict), signed (and paid)
	// by verdictKey.
	SubmitVerdict(ctx context.Context, verdictKey solana.PrivateKey, job *gen.Job, digest [32]byte) (solana.Signature, error)
	// RevealVerdict reveals the committed digest (reveal_verdict).
	RevealVerdict(ctx context.Context, verdictKey solana.PrivateKey, job *gen.Job, digest [32]byte) (solana.Signature, error)
	// EscalateAudit raises a sampled audit to three checkers, the verdict unrevealed.
	EscalateAudit(ctx context.Context, verdictKey solana.PrivateKey, job *gen.Job) (solana.Signature, error)
	// Now is the chain's clock (unix seconds).
	Now(ctx context.Context) (int64, error)
}

// ErrAnswered wraps a verdict refused because the slot no longer waits for one (already voted,
// past its deadline, the audit decided or closed): nothing to retry.
var ErrAnswered = errors.New("the slot no longer waits for a verdict")

// Assigned is an Audit account and its address.
type Assigned struct {
	Address solana.PublicKey
	Audit   *gen.Audit
}

// Options configure a checker.
type Options struct {
	Chain Chain
	// Owner is the checker's owner (the key audits name); VerdictKey signs and pays for verdicts.
	Owner      solana.PublicKey
	VerdictKey solana.PrivateKey
	Runtime    runtime.Runtime
	WorkDir    string // re-runs go to WorkDir/audits/<job id>
	// HostGPUs says the host has GPUs to hand a re-run (as the worker does; a CPU-only host
	// hands none).
	HostGPUs bool
	WSURL    string // "" polls only
	Poll     time.Duration
	// Margin is how long before a slot's deadline the re-run is stopped, so that the verdict
	// still lands in time.
	Margin time.Duration
	Log    *slog.Logger
}

// Checker re-runs the jobs it is assigned and submits its verdicts.
type Checker struct {
	opt Options

	mu      sync.Mutex
	running map[solana.PublicKey]bool     // audits being re-run now
	done    map[solana.PublicKey]bool     // audits this process answered (the chain may lag)
	digests map[solana.PublicKey][32]byte // re-runs whose verdict is not in yet: sent again, not re-run
	// revealed: audits whose commitment this process revealed (or cannot: digest lost)
	revealed map[solana.PublicKey]bool
	wg       sync.WaitGroup
}

// New checks opt and makes a checker.
func New(opt Options) (*Checker, error) {
	switch {
	case opt.Chain == nil || opt.Runtime == nil:
		return nil, errors.New("checker: a chain client and a runtime are required")
	case opt.Owner.IsZero() || len(opt.VerdictKey) == 0:
		return nil, errors.New("checker: the owner and the verdict keypair are required (--keypair, --verdict-keypair)")
	case opt.WorkDir == "":
		return nil, errors.New("checker: a work directory is required (--work-dir)")
	}
	if opt.Poll <= 0 {
		opt.Poll = 5 * time.Second
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Checker{opt: opt, running: map[solana.PublicKey]bool{}, done: map[solana.PublicKey]bool{},
		digests: map[solana.PublicKey][32]byte{}, revealed: map[solana.PublicKey]bool{}}, nil
}

// Run watches for audits naming this checker until ctx ends, then waits for the re-runs in
// flight (they stop with ctx).
func (c *Checker) Run(ctx context.Context) error {
	defer c.wg.Wait()
	if c.opt.WSURL != "" {
		go programwatch.Run(ctx, programwatch.Options{WSURL: c.opt.WSURL, Programs: []solana.PublicKey{c.opt.Chain.ProgramID()},
			Up: func(ctx context.Context, again bool) {
				if again {
					c.scan(ctx)
				}
			},
			Lost: func(err error, retryIn time.Duration) {
				c.opt.Log.Warn("websocket lost; polling until it is back", "err", err, "retryIn", retryIn)
			}},
			func(ctx context.Context, n programwatch.Notification) {
				if a, err := gen.ParseAccount_Audit(n.Data); err == nil {
					c.consider(ctx, Assigned{Address: n.Account, Audit: a})
				}
			})
	}
	c.opt.Log.Info("checker running", "owner", c.opt.Owner, "verdictKey", c.opt.VerdictKey.PublicKey(), "runtime", c.opt.Runtime.Name())
	tick := time.NewTicker(c.opt.Poll)
	defer tick.Stop()
	for {
		c.scan(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// scan lists the audits and takes up those waiting for this checker.
func (c *Checker) scan(ctx context.Context) {
	list, err := c.opt.Chain.Audits(ctx)
	if err != nil {
		if ctx.Err() == nil {
			c.opt.Log.Warn("cannot list audits; will retry", "err", err)
		}
		return
	}
	listed := make(map[solana.PublicKey]bool, len(list))
	for _, a := range list {
		listed[a.Address] = true
		c.consider(ctx, a)
	}
	c.mu.Lock()
	for addr := range c.done { // closed audits: forget them
		if !listed[addr] {
			delete(c.done, addr)
		}
	}
	for addr := range c.revealed {
		if !listed[addr] {
			delete(c.revealed, addr)
		}
	}
	c.mu.Unlock()
}

// Slot is owner's slot in a while it waits for owner's verdict, or -1.
func Slot(a *gen.Audit, owner solana.PublicKey) int {
	if i, ok := jobs.CheckerSlot(a, owner); ok && i < int(a.Needed) && a.Verdicts[i] == jobs.VerdictPending {
		return i
	}
	return -1
}

// consider starts the re-run of an audit waiting for this checker, once.
func (c *Checker) consider(ctx context.Context, a Assigned) {
	if slot := RevealSlot(a.Audit, c.opt.Owner); slot >= 0 {
		c.considerReveal(ctx, a, slot)
		return
	}
	slot := Slot(a.Audit, c.opt.Owner)
	if slot < 0 {
		return
	}
	c.once(a.Address, c.done, func() bool { return c.answer(ctx, a, slot) }, func() {
		delete(c.digests, a.Address)
	}, func() {
		// The notification of this very commitment may have come while the re-run still held
		// the audit (and was passed over): look again now, so a reveal (or an escalation) that is
		// already open does not wait for the next poll, past a short deadline.
		if ctx.Err() == nil {
			c.scan(ctx)
		}
	})
}

// once runs work for the audit at addr in a goroutine of its own, unless work for it is running
// or finished[addr] is set. When work reports it finished, finished[addr] is set and settle runs
// under the same lock, then after runs without it (either may be nil).
func (c *Checker) once(addr solana.PublicKey, finished map[solana.PublicKey]bool, work func() bool, settle, after func()) {
	c.mu.Lock()
	if c.running[addr] || finished[addr] {
		c.mu.Unlock()
		return
	}
	c.running[addr] = true
	c.mu.Unlock()
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		ok := work()
		c.mu.Lock()
		delete(c.running, addr)
		if ok {
			finished[addr] = true
			if settle != nil {
				settle()
			}
		}
		c.mu.Unlock()
		if ok && after != nil {
			after()
		}
	}()
}

// answer re-runs the audited job and submits the verdict; it reports whether the audit is
// answered (or can never be by this checker).
func (c *Checker) answer(ctx context.Context, a Assigned, slot int) bool {
	log := c.opt.Log.With("audit", a.Address, "slot", slot)
	job, err := c.opt.Chain.Job(ctx, a.Audit.Job)
	if errors.Is(err, jobs.ErrNotFound) {
		log.Info("the audited job has closed")
		return true
	}
	if err != nil {
		log.Warn("cannot read the audited job; will retry", "err", err)
		return false
	}
	log = log.With("job", job.Id)
	now, err := c.opt.Chain.Now(ctx)
	if err != nil {
		log.Warn("cannot read the chain clock; will retry", "err", err)
		return false
	}
	left := time.Duration(a.Audit.Deadlines[slot]-now)*time.Second - c.opt.Margin
	if left <= 0 {
		log.Warn("too late to re-run before the slot's deadline; the slot will be replaced")
		return true
	}
	spec, err := c.opt.Chain.Spec(ctx, job)
	if err != nil {
		log.Warn("the job's spec cannot be had; cannot re-run (will retry)", "err", err)
		return false
	}
	if spec.AuditExempt() {
		log.Warn("the job's spec opts out of re-execution (verify none); no verdict")
		return true
	}
	dir := filepath.Join(c.opt.WorkDir, "audits", strconv.FormatUint(job.Id, 10))
	c.mu.Lock()
	digest, rerun := c.digests[a.Address]
	c.mu.Unlock()
	if !rerun {
		log.Info("re-running the audited job", "runtime", c.opt.Runtime.Name(), "deadlineIn", left)
		gpus := uint64(0)
		if c.opt.HostGPUs {
			gpus = max(job.GpuCount, 1)
		}
		res, err := Rerun{JobID: job.Id, Spec: spec, Dir: dir, Deadline: time.Now().Add(left), GPUs: gpus}.Run(ctx, c.opt.Runtime)
		if err != nil {
			if ctx.Err() != nil {
				return false
			}
			log.Error("re-run gave no verdict; submitting none", "err", err)
			return true
		}
		digest = res.Digest
		c.mu.Lock()
		c.digests[a.Address] = digest
		c.mu.Unlock()
	}
	matched := jobs.Opens(digest, job.ResultHash) // the worker attested the sealed digest
	if err := c.keepDigest(a.Address, digest); err != nil {
		log.Error("verdict not committed: its digest could not be kept for the reveal", "err", err)
		return true
	}
	sig, err := c.opt.Chain.SubmitVerdict(ctx, c.opt.VerdictKey, job, digest)
	if errors.Is(err, ErrAnswered) {
		log.Info("the slot no longer waits for this verdict", "why", err)
	} else if err != nil {
		log.Error("verdict not submitted; will retry", "matched", matched, "err", err)
		return false
	} else {
		log.Info("verdict committed; revealed once every checker has committed", "matched", matched, "digest", fmt.Sprintf("%x", digest), "signature", sig)
	}
	if err := os.RemoveAll(dir); err != nil {
		log.Warn("cannot remove the re-run's directory", "dir", dir, "err", err)
	}
	return true
}
