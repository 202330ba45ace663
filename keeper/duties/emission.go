package duties

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// KindCrank is the emission crank: mint every ended, unminted epoch (up to the program's
// per-crank maximum per transaction) for the crank tip.
const KindCrank = "emission_crank"

// ataCreateUnits is the compute budget of one idempotent associated-account creation that
// actually creates the account (the costly case).
const ataCreateUnits = 25_000

// Crank is the emission crank duty.
type Crank struct{ c *emission.Client }

// NewCrank returns the crank duty for c's program.
func NewCrank(c *emission.Client) *Crank { return &Crank{c: c} }

func (d *Crank) Kind() string              { return KindCrank }
func (d *Crank) Program() solana.PublicKey { return d.c.ProgramID }

func (d *Crank) DecodeError(err error) error { return emission.Errors.Decode(err, d.c.ProgramID) }

// IsRace: another crank minted what was due (NothingToMint), or the schedule is over.
func (d *Crank) IsRace(name string) bool {
	return name == gen.Error_NothingToMint || name == gen.Error_EmissionEnded
}

func (d *Crank) Scan(ctx context.Context) ([]plan.Task, error) {
	st, err := d.c.FetchState(ctx)
	if err != nil {
		return nil, err
	}
	if t, ok := crankTask(d.c.Addresses.State, st); ok {
		return []plan.Task{t}, nil
	}
	return nil, nil
}

func (d *Crank) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	if !key.Equals(d.c.Addresses.State) {
		return plan.Task{}, keeper.Unrelated
	}
	st, err := gen.ParseAccount_EmissionState(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	if t, ok := crankTask(key, st); ok {
		return t, keeper.Pending
	}
	return plan.Task{Kind: KindCrank, Key: key}, keeper.Settled
}

// crankTask is the next crank: due when the first unminted epoch's hour ends; none after the
// final epoch is minted.
func crankTask(state solana.PublicKey, st *gen.EmissionState) (plan.Task, bool) {
	next := st.LastMintedEpoch + 1
	_, end, err := schedule.EpochWindow(st.StartTs, next)
	if err != nil {
		return plan.Task{}, false // past the final epoch
	}
	return plan.Task{Kind: KindCrank, Key: state, ID: next, DueAt: end}, true
}

func (d *Crank) Prepare(ctx context.Context, payer solana.PublicKey, tasks []plan.Task, now int64) ([]keeper.Step, []keeper.Gone, error) {
	st, err := d.c.FetchState(ctx)
	if err != nil {
		return nil, nil, err
	}
	ended := schedule.LastEndedEpoch(st.StartTs, now)
	if ended <= st.LastMintedEpoch {
		var gone []keeper.Gone
		for _, t := range tasks {
			gone = append(gone, keeper.Gone{Task: t, Done: true, Reason: fmt.Sprintf("epochs up to %d already minted", st.LastMintedEpoch)})
		}
		return nil, gone, nil
	}
	tip, err := solanax.AssociatedTokenAddress(payer, st.IoMint)
	if err != nil {
		return nil, nil, err
	}
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(payer, payer, st.IoMint, solana.TokenProgramID)
	if err != nil {
		return nil, nil, err
	}
	ix, err := d.c.CrankInstruction(payer, st.IoMint, tip, 0)
	if err != nil {
		return nil, nil, err
	}
	last := min(ended, st.LastMintedEpoch+st.MaxEpochsPerCrank)
	task := plan.Task{Kind: KindCrank, Key: d.c.Addresses.State, ID: st.LastMintedEpoch + 1, DueAt: tasks[0].DueAt}
	return []keeper.Step{{
		Task: task, Setup: []solana.Instruction{create}, Main: ix, Units: emission.CrankComputeUnits,
		Detail: fmt.Sprintf("epochs %d..%d", st.LastMintedEpoch+1, last),
	}}, nil, nil
}
