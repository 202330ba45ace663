package duties

import (
	"context"
	"fmt"
	"math"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// KindCloseSpec returns a closed job's published spec rent to its buyer (the clients close it in
// the transaction that closes the job; this catches the rest, the keeper's own settlements
// included).
const KindCloseSpec = "close_spec"

// closeSpecUnits is close_spec's budget (a few hundred units: two account checks and a close).
const closeSpecUnits = 5_000

// SpecDuty closes spec accounts whose job has closed.
type SpecDuty struct{ c *jobs.Client }

// NewCloseSpec is the spec-closing duty.
func NewCloseSpec(c *jobs.Client) *SpecDuty { return &SpecDuty{c: c} }

func (d *SpecDuty) Kind() string              { return KindCloseSpec }
func (d *SpecDuty) Program() solana.PublicKey { return d.c.ProgramID }
func (d *SpecDuty) DecodeError(err error) error {
	return jobs.Errors.Decode(err, d.c.ProgramID)
}

// IsRace: the job was re-read as closed, so only a spec closed by someone else fails the step.
func (d *SpecDuty) IsRace(string) bool { return false }

// Scan lists every spec: due now when its job has closed, never while the job exists (a job's
// closing is observed, or seen at the next scan).
func (d *SpecDuty) Scan(ctx context.Context) ([]plan.Task, error) {
	specs, err := d.c.ListSpecs(ctx)
	if err != nil {
		return nil, err
	}
	jobsOf := make([]solana.PublicKey, len(specs))
	for i, s := range specs {
		jobsOf[i] = s.Header.Job
	}
	open, err := d.exist(ctx, jobsOf)
	if err != nil {
		return nil, err
	}
	out := make([]plan.Task, 0, len(specs))
	for i, s := range specs {
		due := int64(0)
		if open[i] {
			due = math.MaxInt64
		}
		out = append(out, plan.Task{Kind: KindCloseSpec, Key: s.Address, DueAt: due})
	}
	return out, nil
}

// Observe: a job account that closed may leave a spec to close (the task is dropped in Prepare
// when it has none); a spec being written waits for its job.
func (d *SpecDuty) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	if closedAccount(data) {
		spec, err := jobs.SpecAddress(d.c.ProgramID, key)
		if err != nil {
			return plan.Task{}, keeper.Unrelated
		}
		return plan.Task{Kind: KindCloseSpec, Key: spec}, keeper.Pending
	}
	if _, err := jobs.ParseSpecHeader(data); err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	return plan.Task{Kind: KindCloseSpec, Key: key, DueAt: math.MaxInt64}, keeper.Pending
}

func closedAccount(data []byte) bool {
	for _, b := range data {
		if b != 0 {
			return false
		}
	}
	return true
}

func (d *SpecDuty) Prepare(ctx context.Context, _ solana.PublicKey, tasks []plan.Task, _ int64) ([]keeper.Step, []keeper.Gone, error) {
	keys := make([]solana.PublicKey, len(tasks))
	for i, t := range tasks {
		keys[i] = t.Key
	}
	heads, err := d.c.FetchSpecHeadersAt(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	var steps []keeper.Step
	var gone []keeper.Gone
	for i, head := range heads {
		t := tasks[i]
		if head == nil {
			gone = append(gone, keeper.Gone{Task: t, Reason: "no spec account (closed, or none published)"})
			continue
		}
		open, err := d.exist(ctx, []solana.PublicKey{head.Job})
		if err != nil {
			return nil, nil, err
		}
		if open[0] {
			continue // its job still runs: due when it closes
		}
		ix, err := d.c.CloseSpecFor(t.Key, head.Job, head.Buyer)
		if err != nil {
			return nil, nil, fmt.Errorf("build close_spec for %s: %w", t.Key, err)
		}
		steps = append(steps, keeper.Step{Task: t, Main: ix, Units: closeSpecUnits, Detail: "spec of job " + head.Job.String()})
	}
	return steps, gone, nil
}

// exist reports for each job address whether the job account still exists.
func (d *SpecDuty) exist(ctx context.Context, addrs []solana.PublicKey) ([]bool, error) {
	found, err := d.c.FetchJobsAt(ctx, addrs)
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(found))
	for i, job := range found {
		out[i] = job != nil
	}
	return out, nil
}
