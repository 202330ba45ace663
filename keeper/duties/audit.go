package duties

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Kinds of audit work (issue #16).
const (
	// KindAuditDraw draws an attested job for audit (or not) once the slot after its
	// attestation exists: anyone may, and nobody can steer it.
	KindAuditDraw = "audit_draw"
	// KindAuditAssign fills an audit's empty checker slot by the stake-weighted pick.
	KindAuditAssign = "audit_assign"
	// KindAuditReplace empties a slot whose checker missed its deadline (the checker pays
	// checker_miss_penalty); audit_assign then fills it again.
	KindAuditReplace = "audit_replace"
	// KindAuditFinalize settles an audit the verdicts decided honest, or convicts the worker.
	KindAuditFinalize = "audit_finalize"
)

// AuditKinds are the audit duties, in the order an audit needs them.
var AuditKinds = []string{KindAuditDraw, KindAuditAssign, KindAuditReplace, KindAuditFinalize}

// Compute budgets (generous: the audit steps are new; assign walks the 64-entry registry).
const (
	drawUnits          = 40_000
	assignUnits        = 120_000
	replaceUnits       = 40_000
	auditFinalizeUnits = 120_000
)

// DrawDuty draws attested, non-exempt jobs not drawn yet.
type DrawDuty struct{ c *jobs.Client }

// NewAuditDraw is the draw duty.
func NewAuditDraw(c *jobs.Client) *DrawDuty { return &DrawDuty{c: c} }

func (d *DrawDuty) Kind() string                { return KindAuditDraw }
func (d *DrawDuty) Program() solana.PublicKey   { return d.c.ProgramID }
func (d *DrawDuty) DecodeError(err error) error { return jobs.Errors.Decode(err, d.c.ProgramID) }

// IsRace: drawn by someone else, the job moved on or closed, or the slot hash is gone (the job
// then settles as today).
func (d *DrawDuty) IsRace(name string) bool {
	switch name {
	case gen.Error_AlreadyDrawn, gen.Error_DrawExpired, gen.Error_JobNotFound, gen.Error_WrongJobState, gen.Error_AuditExempt,
		gen.Error_WindowClosed:
		return true
	}
	return false
}

// drawable: the program accepts a draw for job (the slot aside) before its challenge window
// closes (then it settles unaudited).
func drawable(job *gen.Job) bool {
	return jobs.State(job.State) == jobs.StateAttested && job.Audit == 0 && job.AuditExempt == 0 && job.Failed == 0
}

func (d *DrawDuty) Scan(ctx context.Context) ([]plan.Task, error) {
	now, err := solanax.ChainTime(ctx, d.c.Solana().RPC)
	if err != nil {
		return nil, err
	}
	state := jobs.StateAttested
	list, err := d.c.ListJobs(ctx, jobs.Filter{State: &state})
	if err != nil {
		return nil, err
	}
	var out []plan.Task
	for _, job := range list {
		if drawable(job) && now < job.WindowEndTs {
			t, err := drawTask(d.c, job)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// drawTask is due at once: Prepare waits for the slot after the attestation.
func drawTask(c *jobs.Client, job *gen.Job) (plan.Task, error) {
	addr, err := jobs.JobAddress(c.ProgramID, job.Id)
	return plan.Task{Kind: KindAuditDraw, Key: addr, ID: job.Id}, err
}

func (d *DrawDuty) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	job, err := gen.ParseAccount_Job(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	t, err := drawTask(d.c, job)
	if err != nil || !t.Key.Equals(key) {
		return plan.Task{}, keeper.Unrelated
	}
	if !drawable(job) {
		return t, keeper.Settled
	}
	return t, keeper.Pending
}

func (d *DrawDuty) Prepare(ctx context.Context, payer solana.PublicKey, tasks []plan.Task, now int64) ([]keeper.Step, []keeper.Gone, error) {
	keys := make([]solana.PublicKey, len(tasks))
	for i, t := range tasks {
		keys[i] = t.Key
	}
	found, err := d.c.FetchJobsAt(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	slot, err := d.c.Solana().RPC.GetSlot(ctx, rpc.CommitmentConfirmed)
	if err != nil {
		return nil, nil, fmt.Errorf("read the slot: %w", err)
	}
	var steps []keeper.Step
	var gone []keeper.Gone
	for i, job := range found {
		switch {
		case job == nil:
			gone = append(gone, keeper.Gone{Task: tasks[i], Reason: "job closed"})
			continue
		case !drawable(job):
			gone = append(gone, keeper.Gone{Task: tasks[i], Done: job.Audit != 0, Reason: "job no longer drawable"})
			continue
		case now >= job.WindowEndTs:
			gone = append(gone, keeper.Gone{Task: tasks[i], Reason: "challenge window over: the job settles unaudited"})
			continue
		case slot <= job.AttestedSlot:
			continue // the slot after the attestation is not there yet: the next tick
		}
		ix, err := d.c.DrawAuditInstruction(payer, job.Id)
		if err != nil {
			return nil, nil, fmt.Errorf("build draw_audit for job %d: %w", job.Id, err)
		}
		steps = append(steps, keeper.Step{Task: tasks[i], Main: ix, Units: drawUnits, Detail: fmt.Sprintf("job %d", job.Id)})
	}
	return steps, gone, nil
}

// AuditDuty is one kind of work on Audit accounts: assign, replace or finalize.
type AuditDuty struct {
	c    *jobs.Client
	kind string
}

// NewAuditAssign, NewAuditReplace and NewAuditFinalize are the duties on open audits.
func NewAuditAssign(c *jobs.Client) *AuditDuty   { return &AuditDuty{c: c, kind: KindAuditAssign} }
func NewAuditReplace(c *jobs.Client) *AuditDuty  { return &AuditDuty{c: c, kind: KindAuditReplace} }
func NewAuditFinalize(c *jobs.Client) *AuditDuty { return &AuditDuty{c: c, kind: KindAuditFinalize} }

func (d *AuditDuty) Kind() string                { return d.kind }
func (d *AuditDuty) Program() solana.PublicKey   { return d.c.ProgramID }
func (d *AuditDuty) DecodeError(err error) error { return jobs.Errors.Decode(err, d.c.ProgramID) }

// IsRace: someone else filled, replaced or decided it, or the audit or job closed.
func (d *AuditDuty) IsRace(name string) bool {
	switch name {
	case gen.Error_NoEmptySlot, gen.Error_AlreadyVoted, gen.Error_WrongAudit, gen.Error_JobNotFound, gen.Error_WrongJobState,
		gen.Error_AuditUndecided:
		return true
	}
	return false
}

// AuditDue is when kind's work on a is due (math.MaxInt64: none), by the program's rules.
func AuditDue(kind string, a *gen.Audit) int64 {
	due := int64(math.MaxInt64)
	switch kind {
	case KindAuditAssign:
		if _, empty := jobs.EmptySlot(a); empty && a.Exhausted == 0 && jobs.AuditDecision(a) == jobs.DecisionOpen {
			due = 0
		}
	case KindAuditReplace:
		for i := 0; i < int(a.Needed) && i < len(a.Checkers); i++ {
			// No commitment by the deadline, or one not revealed by the reveal deadline.
			if jobs.Overdue(a, i) && a.Deadlines[i] < math.MaxInt64 {
				due = min(due, a.Deadlines[i]+1)
			}
		}
	case KindAuditFinalize:
		if jobs.AuditDecision(a) != jobs.DecisionOpen {
			due = 0
		}
	}
	return due
}

func (d *AuditDuty) Scan(ctx context.Context) ([]plan.Task, error) {
	list, err := d.c.ListAudits(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]plan.Task, 0, len(list))
	for _, a := range list {
		if due := AuditDue(d.kind, a.Audit); due != math.MaxInt64 {
			out = append(out, plan.Task{Kind: d.kind, Key: a.Address, DueAt: due})
		}
	}
	return out, nil
}

func (d *AuditDuty) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	a, err := gen.ParseAccount_Audit(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	t := plan.Task{Kind: d.kind, Key: key, DueAt: AuditDue(d.kind, a)}
	if t.DueAt == math.MaxInt64 {
		return t, keeper.Settled
	}
	return t, keeper.Pending
}

func (d *AuditDuty) Prepare(ctx context.Context, payer solana.PublicKey, tasks []plan.Task, now int64) ([]keeper.Step, []keeper.Gone, error) {
	fixed, err := d.c.Fixed(ctx)
	if err != nil {
		return nil, nil, err
	}
	var steps []keeper.Step
	var gone []keeper.Gone
	for _, t := range tasks {
		a, err := anchor.Fetch(ctx, d.c.Solana().RPC, "jobs", d.c.ProgramID, t.Key, "audit", gen.ParseAccount_Audit)
		if errors.Is(err, jobs.ErrNotFound) {
			gone = append(gone, keeper.Gone{Task: t, Done: d.kind == KindAuditFinalize, Reason: "audit closed"})
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if due := AuditDue(d.kind, a); due == math.MaxInt64 {
			gone = append(gone, keeper.Gone{Task: t, Reason: "nothing of this kind left on the audit"})
			continue
		} else if due > now {
			continue
		}
		found, err := d.c.FetchJobsAt(ctx, []solana.PublicKey{a.Job})
		if err != nil {
			return nil, nil, err
		}
		job := found[0]
		if job == nil {
			gone = append(gone, keeper.Gone{Task: t, Reason: "job closed"})
			continue
		}
		t.ID = job.Id
		step, ok, err := d.step(ctx, payer, fixed, job, a, now)
		if err != nil {
			return nil, nil, fmt.Errorf("build %s for job %d: %w", d.kind, job.Id, err)
		}
		if ok {
			step.Task = t
			steps = append(steps, step)
		}
	}
	return steps, gone, nil
}

// step builds the work of d's kind on a (ok false: nothing to send now).
func (d *AuditDuty) step(ctx context.Context, payer solana.PublicKey, fixed *jobs.Fixed, job *gen.Job, a *gen.Audit, now int64) (keeper.Step, bool, error) {
	detail := fmt.Sprintf("job %d", job.Id)
	switch d.kind {
	case KindAuditAssign:
		pick, _, err := d.c.NextPick(ctx, job, a) // zero when none is eligible: the program ends the audit
		if err != nil {
			return keeper.Step{}, false, err
		}
		if a.Seeded == 0 && pick.IsZero() {
			return keeper.Step{}, false, nil // the seed slot is not complete yet
		}
		ix, err := d.c.AssignCheckerInstruction(job, a, pick)
		if err != nil {
			return keeper.Step{}, false, err
		}
		return keeper.Step{Main: ix, Units: assignUnits, Detail: detail}, true, nil
	case KindAuditReplace:
		for i := 0; i < int(a.Needed) && i < len(a.Checkers); i++ {
			if jobs.Replaceable(a, i, now) {
				ix, err := d.c.ReplaceCheckerInstruction(job.Id, a.Checkers[i], fixed.IOTreasury)
				if err != nil {
					return keeper.Step{}, false, err
				}
				return keeper.Step{Main: ix, Units: replaceUnits, Detail: fmt.Sprintf("%s slot %d", detail, i)}, true, nil
			}
		}
		return keeper.Step{}, false, nil
	default:
		build := d.c.SettleAuditedInstructions
		if jobs.AuditDecision(a) == jobs.DecisionFraud {
			build = d.c.ConvictAuditedInstructions
		}
		setup, main, err := build(payer, fixed, job, a)
		if err != nil {
			return keeper.Step{}, false, err
		}
		return keeper.Step{Setup: setup, Main: main, Units: auditFinalizeUnits + uint64(len(setup))*ataCreateUnits, Detail: detail}, true, nil
	}
}
