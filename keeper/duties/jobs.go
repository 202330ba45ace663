package duties

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Kinds of job work.
const (
	// KindSettle settles an attested job once its challenge window has passed.
	KindSettle = "settle_job"
	// KindExpire expires a claimed job with no attestation by its deadline plus the grace.
	KindExpire = "expire_job"
	// KindLapse applies the default outcome to a challenge the arbiter did not resolve by its
	// deadline.
	KindLapse = "lapse_challenge"
)

// Compute budgets of the main instructions (measured: settle_job with the reserve release CPI
// 10,923, expire_job with the release and slash CPIs (the burn through emission's ledger
// included) 18,187, lapse_challenge 12,713; see README), with headroom.
const (
	settleUnits = 15_000
	expireUnits = 26_000
	lapseUnits  = 18_000
)

// JobDuty is one kind of job work: jobs in one state, due at a time the job and the config fix.
type JobDuty struct {
	c    *jobs.Client
	rule jobRule

	mu    sync.Mutex
	grace int64 // the config's expiry grace, read at each scan
}

type jobRule struct {
	kind  string
	state jobs.State
	units uint64
	// dueAt is when the program accepts the step for job.
	dueAt func(job *gen.Job, grace int64) int64
	// build is the step's setup and main instruction for payer.
	build func(c *jobs.Client, payer solana.PublicKey, fixed *jobs.Fixed, job *gen.Job) (setup []solana.Instruction, main solana.Instruction, err error)
}

// NewSettle is the settlement duty: attested jobs after window_end_ts.
func NewSettle(c *jobs.Client) *JobDuty {
	return &JobDuty{c: c, rule: jobRule{
		kind: KindSettle, state: jobs.StateAttested, units: settleUnits,
		dueAt: func(job *gen.Job, _ int64) int64 { return job.WindowEndTs },
		build: (*jobs.Client).SettleJobInstructions,
	}}
}

// NewExpire is the expiry duty: claimed jobs after claim + maximum duration + grace.
func NewExpire(c *jobs.Client) *JobDuty {
	return &JobDuty{c: c, rule: jobRule{
		kind: KindExpire, state: jobs.StateClaimed, units: expireUnits,
		dueAt: expireDue,
		build: (*jobs.Client).ExpireJobInstructions, // the paid share of the penalty goes to the IO treasury
	}}
}

// NewLapse is the default-outcome duty: challenged jobs after resolve_by_ts (the arbiter did not
// resolve within its 7 days). The job settles as unchallenged and the bond returns.
func NewLapse(c *jobs.Client) *JobDuty {
	return &JobDuty{c: c, rule: jobRule{
		kind: KindLapse, state: jobs.StateChallenged, units: lapseUnits,
		dueAt: lapseDue,
		build: (*jobs.Client).LapseChallengeInstructions,
	}}
}

// expireDue is the first second the program accepts expiry: it needs now > claimed_ts +
// max_duration + grace. Times past the largest int64 never come.
func expireDue(job *gen.Job, grace int64) int64 {
	if job.MaxDurationSeconds > math.MaxInt64 || grace < 0 {
		return math.MaxInt64
	}
	rest := int64(job.MaxDurationSeconds) // a claim time, a duration and a grace, all >= 0 here
	if job.ClaimedTs > math.MaxInt64-rest || job.ClaimedTs+rest > math.MaxInt64-grace-1 {
		return math.MaxInt64
	}
	return job.ClaimedTs + rest + grace + 1
}

// lapseDue is the first second the program accepts the default outcome: it needs now >
// resolve_by_ts. A time past the largest int64 never comes.
func lapseDue(job *gen.Job, _ int64) int64 {
	if job.ResolveByTs == math.MaxInt64 {
		return math.MaxInt64
	}
	return job.ResolveByTs + 1
}

func (d *JobDuty) Kind() string              { return d.rule.kind }
func (d *JobDuty) Program() solana.PublicKey { return d.c.ProgramID }

// DecodeError names the jobs program's errors, and the staking program's when its slash CPI
// failed (client/anchor tells them apart by the program that failed).
func (d *JobDuty) DecodeError(err error) error { return jobs.Errors.Decode(err, d.c.ProgramID) }

// IsRace: the job closed (JobNotFound) or moved on (WrongJobState) since it was read.
func (d *JobDuty) IsRace(name string) bool {
	return name == gen.Error_JobNotFound || name == gen.Error_WrongJobState
}

func (d *JobDuty) Scan(ctx context.Context) ([]plan.Task, error) {
	cfg, err := d.c.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.grace = cfg.ExpiryGraceSeconds
	d.mu.Unlock()
	state := d.rule.state
	list, err := d.c.ListJobs(ctx, jobs.Filter{State: &state})
	if err != nil {
		return nil, err
	}
	out := make([]plan.Task, 0, len(list))
	for _, job := range list {
		t, err := d.task(job)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (d *JobDuty) task(job *gen.Job) (plan.Task, error) {
	addr, err := jobs.JobAddress(d.c.ProgramID, job.Id)
	if err != nil {
		return plan.Task{}, err
	}
	d.mu.Lock()
	grace := d.grace
	d.mu.Unlock()
	return plan.Task{Kind: d.rule.kind, Key: addr, ID: job.Id, DueAt: d.rule.dueAt(job, grace)}, nil
}

func (d *JobDuty) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	job, err := gen.ParseAccount_Job(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated // the config, or not a job
	}
	if jobs.State(job.State) != d.rule.state {
		return plan.Task{Kind: d.rule.kind, Key: key, ID: job.Id}, keeper.Settled
	}
	t, err := d.task(job)
	if err != nil || !t.Key.Equals(key) {
		return plan.Task{}, keeper.Unrelated
	}
	return t, keeper.Pending
}

func (d *JobDuty) Prepare(ctx context.Context, payer solana.PublicKey, tasks []plan.Task, now int64) ([]keeper.Step, []keeper.Gone, error) {
	fixed, err := d.c.Fixed(ctx)
	if err != nil {
		return nil, nil, err
	}
	var steps []keeper.Step
	var gone []keeper.Gone
	keys := make([]solana.PublicKey, len(tasks))
	for i, t := range tasks {
		keys[i] = t.Key
	}
	found, err := d.c.FetchJobsAt(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	for i, job := range found {
		t := tasks[i]
		if job == nil {
			// Only this step closes a job in this state: someone else did it.
			gone = append(gone, keeper.Gone{Task: t, Done: true, Reason: "job closed"})
			continue
		}
		if s := jobs.State(job.State); s != d.rule.state {
			gone = append(gone, keeper.Gone{Task: t, Reason: "job is " + s.String() + " now"})
			continue
		}
		fresh, err := d.task(job)
		if err != nil {
			return nil, nil, err
		}
		if fresh.DueAt > now {
			continue // not due after all (parameters changed); the view is corrected at the next scan
		}
		setup, main, err := d.rule.build(d.c, payer, fixed, job)
		if err != nil {
			return nil, nil, fmt.Errorf("build %s for job %d: %w", d.rule.kind, job.Id, err)
		}
		steps = append(steps, keeper.Step{Task: fresh, Setup: setup, Main: main,
			Units: d.rule.units + uint64(len(setup))*ataCreateUnits, Detail: fmt.Sprintf("job %d", job.Id)})
	}
	return steps, gone, nil
}
