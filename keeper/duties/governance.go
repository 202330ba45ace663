package duties

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Kinds of governance work.
const (
	// KindFinalize counts the votes of a proposal whose voting period has ended.
	KindFinalize = "finalize_proposal"
	// KindExecute runs a passed proposal's actions once its timelock has elapsed.
	KindExecute = "execute_proposal"
)

// Compute budgets: finalize only counts; execute runs up to four update_params CPIs.
const (
	finalizeUnits = 20_000
	executeUnits  = 400_000
)

// ProposalDuty is one kind of proposal work: proposals in one state, due at a time they record.
type ProposalDuty struct {
	c     *governance.Client
	kind  string
	state governance.State
	units uint64
	dueAt func(*gen.Proposal) int64
	build func(*governance.Client, *gen.Proposal) (solana.Instruction, error)
	// races are the errors that mean another keeper did the step (or the proposal moved on).
	races []string
}

// NewFinalize is the finalize duty: proposals still voting after their voting period.
func NewFinalize(c *governance.Client) *ProposalDuty {
	return &ProposalDuty{c: c, kind: KindFinalize, state: governance.Voting, units: finalizeUnits,
		dueAt: func(p *gen.Proposal) int64 { return p.VotingEndsTs },
		build: func(c *governance.Client, p *gen.Proposal) (solana.Instruction, error) {
			return c.FinalizeInstruction(p.Id)
		},
		races: []string{gen.Error_NotVoting}}
}

// NewExecute is the execute duty: passed proposals after their timelock. Within the execution
// window execute runs the actions (a failure is retried at the next scan); after it, execute
// marks the proposal Failed and runs nothing, so the proposal leaves Succeeded and keepers stop.
func NewExecute(c *governance.Client) *ProposalDuty {
	return &ProposalDuty{c: c, kind: KindExecute, state: governance.Succeeded, units: executeUnits,
		dueAt: func(p *gen.Proposal) int64 { return p.ExecutableTs },
		build: func(c *governance.Client, p *gen.Proposal) (solana.Instruction, error) {
			return c.ExecuteInstruction(p)
		},
		races: []string{gen.Error_AlreadyExecuted, gen.Error_NotSucceeded}}
}

// detail names the proposal and, for an execute past the execution window, that it only marks
// the proposal Failed.
func (d *ProposalDuty) detail(p *gen.Proposal, now int64) string {
	if d.kind == KindExecute && governance.ExecutionWindowOver(p, now) {
		return fmt.Sprintf("proposal %d (execution window over: marks it failed)", p.Id)
	}
	return fmt.Sprintf("proposal %d", p.Id)
}

func (d *ProposalDuty) Kind() string              { return d.kind }
func (d *ProposalDuty) Program() solana.PublicKey { return d.c.ProgramID }

func (d *ProposalDuty) DecodeError(err error) error {
	return governance.Errors.Decode(err, d.c.ProgramID)
}

func (d *ProposalDuty) IsRace(name string) bool {
	for _, r := range d.races {
		if r == name {
			return true
		}
	}
	return false
}

func (d *ProposalDuty) Scan(ctx context.Context) ([]plan.Task, error) {
	list, err := d.c.ListProposals(ctx)
	if err != nil {
		return nil, err
	}
	var out []plan.Task
	for _, p := range list {
		if governance.State(p.State) != d.state {
			continue
		}
		t, err := d.task(p)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (d *ProposalDuty) task(p *gen.Proposal) (plan.Task, error) {
	addr, err := governance.ProposalAddress(d.c.ProgramID, p.Id)
	if err != nil {
		return plan.Task{}, err
	}
	return plan.Task{Kind: d.kind, Key: addr, ID: p.Id, DueAt: d.dueAt(p)}, nil
}

func (d *ProposalDuty) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	p, err := gen.ParseAccount_Proposal(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	t, err := d.task(p)
	if err != nil || !t.Key.Equals(key) {
		return plan.Task{}, keeper.Unrelated
	}
	if governance.State(p.State) != d.state {
		return t, keeper.Settled
	}
	return t, keeper.Pending
}

// Prepare reads each proposal afresh (a handful at most: proposals are few).
func (d *ProposalDuty) Prepare(ctx context.Context, _ solana.PublicKey, tasks []plan.Task, now int64) ([]keeper.Step, []keeper.Gone, error) {
	var steps []keeper.Step
	var gone []keeper.Gone
	for _, t := range tasks {
		p, err := d.c.FetchProposal(ctx, t.ID)
		if err != nil {
			return nil, nil, err
		}
		if s := governance.State(p.State); s != d.state {
			// Finalized, executed or (past its execution window) failed by someone: done.
			// Cancelled or defeated: moved on.
			done := (d.kind == KindFinalize && s != governance.Cancelled) ||
				(d.kind == KindExecute && (s == governance.Executed || s == governance.Failed))
			gone = append(gone, keeper.Gone{Task: t, Done: done, Reason: "proposal is " + s.String() + " now"})
			continue
		}
		fresh, err := d.task(p)
		if err != nil {
			return nil, nil, err
		}
		if fresh.DueAt > now {
			continue
		}
		ix, err := d.build(d.c, p)
		if err != nil {
			return nil, nil, fmt.Errorf("build %s for proposal %d: %w", d.kind, p.Id, err)
		}
		units := d.units
		if d.kind == KindExecute && governance.HasUpgrade(p) {
			units = governance.UpgradeComputeUnits // each upgrade hashes its buffer
		}
		steps = append(steps, keeper.Step{Task: fresh, Main: ix, Units: units, Detail: d.detail(p, now)})
	}
	return steps, gone, nil
}
