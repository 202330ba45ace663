package checker

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// fakeChain serves audits, jobs and specs from memory and records verdicts.
type fakeChain struct {
	mu       sync.Mutex
	audits   []Assigned
	jobs     map[solana.PublicKey]*gen.Job
	spec     *jobs.Spec
	now      int64
	failOnce bool
	verdicts map[uint64][32]byte
	reveals  map[uint64][32]byte // reveal_verdict calls
	escalate map[uint64]bool     // escalate_audit calls
}

func (f *fakeChain) ProgramID() solana.PublicKey { return solana.SystemProgramID }
func (f *fakeChain) Audits(context.Context) ([]Assigned, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Assigned(nil), f.audits...), nil
}
func (f *fakeChain) Job(_ context.Context, addr solana.PublicKey) (*gen.Job, error) {
	if j, ok := f.jobs[addr]; ok {
		return j, nil
	}
	return nil, jobs.ErrNotFound
}
func (f *fakeChain) Spec(context.Context, *gen.Job) (*jobs.Spec, error) { return f.spec, nil }
func (f *fakeChain) Now(context.Context) (int64, error)                 { return f.now, nil }
func (f *fakeChain) SubmitVerdict(_ context.Context, _ solana.PrivateKey, job *gen.Job, digest [32]byte) (solana.Signature, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failOnce {
		f.failOnce = false
		return solana.Signature{}, errors.New("blockhash not found")
	}
	if _, ok := f.verdicts[job.Id]; ok {
		return solana.Signature{}, ErrAnswered
	}
	f.verdicts[job.Id] = digest
	return solana.Signature{1}, nil
}

func (f *fakeChain) RevealVerdict(_ context.Context, _ solana.PrivateKey, job *gen.Job, digest [32]byte) (solana.Signature, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.reveals == nil {
		f.reveals = map[uint64][32]byte{}
	}
	f.reveals[job.Id] = digest
	return solana.Signature{2}, nil
}

func (f *fakeChain) EscalateAudit(_ context.Context, _ solana.PrivateKey, job *gen.Job) (solana.Signature, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.escalate == nil {
		f.escalate = map[uint64]bool{}
	}
	f.escalate[job.Id] = true
	return solana.Signature{3}, nil
}

func (f *fakeChain) verdict(id uint64) ([32]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.verdicts[id]
	return d, ok
}

// countingRuntime counts runs.
type countingRuntime struct {
	runtime.Runtime
	runs atomic.Int32
}

func (c *countingRuntime) Run(ctx context.Context, t runtime.Task) (runtime.Outcome, error) {
	c.runs.Add(1)
	return c.Runtime.Run(ctx, t)
}

// TestCheckerAnswersItsAudits: the checker re-runs the audits naming it in a pending slot (not
// others'), submits the digest the worker's run gives (a verdict lost in transit is sent again
// without a second run), and leaves a decided slot alone.
func TestCheckerAnswersItsAudits(t *testing.T) {
	owner, other := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `echo "loss 0.5"; echo 7 > "$IONET_OUTPUT_DIR/out.txt"`}}
	honest, err := Rerun{JobID: 1, Spec: spec, Dir: filepath.Join(t.TempDir(), "w"), Deadline: time.Now().Add(time.Minute)}.Run(context.Background(), runtime.Process{})
	require.NoError(t, err)

	jobAddr := func(i byte) solana.PublicKey { return solana.PublicKey{i} }
	mk := func(id uint64, result [32]byte) *gen.Job { return &gen.Job{Id: id, ResultHash: result, GpuCount: 1} }
	fc := &fakeChain{now: 1000, spec: spec, failOnce: true, verdicts: map[uint64][32]byte{},
		jobs: map[solana.PublicKey]*gen.Job{jobAddr(1): mk(1, jobs.SealResult(honest.Digest)), jobAddr(2): mk(2, [32]byte{9}), jobAddr(3): mk(3, jobs.SealResult(honest.Digest)), jobAddr(4): mk(4, jobs.SealResult(honest.Digest))}}
	audit := func(job byte, slot int, who solana.PublicKey, needed uint8, verdict uint8) Assigned {
		a := &gen.Audit{Job: jobAddr(job), Needed: needed}
		a.Checkers[slot], a.Verdicts[slot], a.Deadlines[slot] = who, verdict, 1600
		return Assigned{Address: solana.PublicKey{100 + job}, Audit: a}
	}
	fc.audits = []Assigned{
		audit(1, 0, owner, 1, jobs.VerdictPending), // mine: honest result
		audit(2, 1, owner, 3, jobs.VerdictPending), // mine, second slot of three: a wrong result
		audit(3, 0, other, 1, jobs.VerdictPending), // someone else's
		audit(4, 0, owner, 1, jobs.VerdictMatch),   // already answered
		audit(4, 2, owner, 1, jobs.VerdictPending), // a slot above needed: not open
	}
	rt := &countingRuntime{Runtime: runtime.Process{}}
	c, err := New(Options{Chain: fc, Owner: owner, VerdictKey: solana.NewWallet().PrivateKey, Runtime: rt,
		WorkDir: t.TempDir(), Poll: 50 * time.Millisecond})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- c.Run(ctx) }()
	require.Eventually(t, func() bool {
		_, one := fc.verdict(1)
		_, two := fc.verdict(2)
		return one && two
	}, 20*time.Second, 50*time.Millisecond)
	time.Sleep(200 * time.Millisecond) // more scans: nothing answered twice
	cancel()
	require.NoError(t, <-done)

	d1, _ := fc.verdict(1)
	d2, _ := fc.verdict(2)
	assert.Equal(t, honest.Digest, d1, "the honest job's digest: a match")
	assert.Equal(t, honest.Digest, d2, "the same spec re-run: the digest differs from the wrong attested result")
	_, three := fc.verdict(3)
	_, four := fc.verdict(4)
	assert.False(t, three, "another checker's audit")
	assert.False(t, four, "a slot already answered or not open")
	assert.Equal(t, int32(2), rt.runs.Load(), "one run per audit: the lost verdict was sent again, not re-run")
}

func TestNewChecksOptions(t *testing.T) {
	_, err := New(Options{})
	require.ErrorContains(t, err, "a chain client and a runtime are required")
	_, err = New(Options{Chain: &fakeChain{}, Runtime: runtime.Process{}})
	require.ErrorContains(t, err, "--verdict-keypair")
}

// TestCheckerRevealsAfterRestart: a checker that committed before a restart reveals from the
// digest it kept in its work directory once every needed slot has committed; in a sampled audit
// a digest that does not open the job's result escalates instead; a slot whose reveals are not
// open yet (another slot still to commit) waits.
func TestCheckerRevealsAfterRestart(t *testing.T) {
	owner := solana.NewWallet().PublicKey()
	digest := [32]byte{7}
	jobAddr := func(i byte) solana.PublicKey { return solana.PublicKey{i} }
	fc := &fakeChain{now: 1000, verdicts: map[uint64][32]byte{}, jobs: map[solana.PublicKey]*gen.Job{
		jobAddr(1): {Id: 1, ResultHash: jobs.SealResult(digest)}, jobAddr(2): {Id: 2, ResultHash: [32]byte{9}},
		jobAddr(3): {Id: 3, ResultHash: [32]byte{9}}}}
	audit := func(job byte, needed uint8) Assigned {
		a := &gen.Audit{Job: jobAddr(job), Needed: needed}
		a.Checkers[0], a.Verdicts[0], a.Deadlines[0] = owner, jobs.VerdictCommitted, 1600
		if needed == 3 {
			a.Checkers[1], a.Verdicts[1] = solana.PublicKey{42}, jobs.VerdictCommitted // slot 2 not yet filled
		}
		return Assigned{Address: solana.PublicKey{100 + job}, Audit: a}
	}
	fc.audits = []Assigned{audit(1, 1), audit(2, 1), audit(3, 3)}
	dir := t.TempDir()
	c, err := New(Options{Chain: fc, Owner: owner, VerdictKey: solana.NewWallet().PrivateKey, Runtime: runtime.Process{},
		WorkDir: dir, Poll: 50 * time.Millisecond})
	require.NoError(t, err)
	for _, a := range fc.audits { // what the process before the restart kept
		require.NoError(t, c.keepDigest(a.Address, digest))
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- c.Run(ctx) }()
	require.Eventually(t, func() bool {
		fc.mu.Lock()
		defer fc.mu.Unlock()
		return len(fc.reveals) == 1 && fc.escalate[2]
	}, 10*time.Second, 50*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	assert.Equal(t, map[uint64][32]byte{1: digest}, fc.reveals, "the match revealed; the 3-slot audit still waits for slot 2")
	assert.NoFileExists(t, c.digestPath(fc.audits[0].Address), "a revealed digest is forgotten")
	assert.FileExists(t, c.digestPath(fc.audits[1].Address), "an escalated digest is kept for its reveal")
	assert.FileExists(t, c.digestPath(fc.audits[2].Address))
}
