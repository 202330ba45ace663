package duties

import (
	"context"
	"fmt"
	"sync"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// KindActivate lets a position's warming stake start earning epoch rewards once every epoch
// that started before it was staked has been funded (staking's activate_stake, permissionless).
const KindActivate = "activate_stake"

// activateUnits is activate_stake's budget (measured 1,302; see README), with headroom.
const activateUnits = 3_000

// Activate is the activation duty: positions whose warming stake the epochs funded have reached.
// It learns of new warming stake from position notifications and of newly funded epochs from the
// config's; a position not yet activatable waits for the next rescan after a crank.
type Activate struct {
	c *staking.Client

	mu            sync.Mutex
	fundedThrough int64 // the config's funded_through_ts, as last read
	fundedKnown   bool
}

// NewActivate returns the activation duty for c's program.
func NewActivate(c *staking.Client) *Activate { return &Activate{c: c} }

func (d *Activate) Kind() string              { return KindActivate }
func (d *Activate) Program() solana.PublicKey { return d.c.ProgramID }

func (d *Activate) DecodeError(err error) error { return staking.Errors.Decode(err, d.c.ProgramID) }

// IsRace: the owner (or another keeper) activated it first, or it changed since it was read.
func (d *Activate) IsRace(name string) bool { return name == gen.Error_NothingToActivate }

func (d *Activate) Scan(ctx context.Context) ([]plan.Task, error) {
	cfg, err := d.c.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	d.setFunded(cfg.FundedThroughTs)
	positions, err := d.c.ListWarmingPositions(ctx)
	if err != nil {
		return nil, err
	}
	var out []plan.Task
	for _, p := range positions {
		if staking.CanActivate(cfg, p.StakePosition) {
			out = append(out, activateTask(p.Address, p.StakePosition))
		}
	}
	return out, nil
}

// activateTask is due from the moment the position could be activated: its warming stake's time.
func activateTask(addr solana.PublicKey, p *gen.StakePosition) plan.Task {
	return plan.Task{Kind: KindActivate, Key: addr, DueAt: p.WarmingTs}
}

func (d *Activate) setFunded(ts int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.fundedThrough, d.fundedKnown = ts, true
}

func (d *Activate) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	if key.Equals(d.c.Addresses.Config) {
		if cfg, err := gen.ParseAccount_Config(data); err == nil {
			d.setFunded(cfg.FundedThroughTs)
		}
		return plan.Task{}, keeper.Unrelated
	}
	p, err := gen.ParseAccount_StakePosition(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	t := activateTask(key, p)
	if p.Warming == 0 {
		return t, keeper.Settled
	}
	d.mu.Lock()
	ready := d.fundedKnown && staking.CanActivate(&gen.Config{FundedThroughTs: d.fundedThrough}, p)
	d.mu.Unlock()
	if !ready {
		return plan.Task{}, keeper.Unrelated // not yet: the rescan after the next crank finds it
	}
	return t, keeper.Pending
}

// Prepare reads the config and each position afresh.
func (d *Activate) Prepare(ctx context.Context, _ solana.PublicKey, tasks []plan.Task, _ int64) ([]keeper.Step, []keeper.Gone, error) {
	cfg, err := d.c.FetchConfig(ctx)
	if err != nil {
		return nil, nil, err
	}
	var steps []keeper.Step
	var gone []keeper.Gone
	for _, t := range tasks {
		p, err := d.c.FetchPositionAt(ctx, t.Key)
		if err != nil {
			return nil, nil, err
		}
		if p.Warming == 0 {
			gone = append(gone, keeper.Gone{Task: t, Done: true, Reason: "stake already earning"})
			continue
		}
		if !staking.CanActivate(cfg, p) {
			gone = append(gone, keeper.Gone{Task: t, Reason: "the epochs funded have not reached its stake yet"})
			continue
		}
		ix, err := d.c.ActivateStakeInstruction(p.Owner)
		if err != nil {
			return nil, nil, fmt.Errorf("build activate_stake for %s: %w", p.Owner, err)
		}
		steps = append(steps, keeper.Step{Task: t, Main: ix, Units: activateUnits, Detail: "stake of " + p.Owner.String()})
	}
	return steps, gone, nil
}
