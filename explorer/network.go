package explorer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/jobs"
)

// maxBurnRows bounds the burn ledger shown (the newest records).
const maxBurnRows = 50

// Network is the network page: the supply equation, emission, burns, pools, devices, jobs and
// keeper health.
type Network struct {
	ChainTime time.Time `json:"chainTime"`
	// Status is what `ionet emission status` reads (the same call); the page shows its amounts
	// in the CLI's shape below.
	Status          *emission.Status `json:"-"`
	CurrentEpoch    uint64           `json:"currentEpoch"`
	LastEndedEpoch  uint64           `json:"lastEndedEpoch"`
	LastMintedEpoch uint64           `json:"lastMintedEpoch"`
	BurnCount       uint64           `json:"burnCount"`

	Launch  cli.Amount `json:"launch"`
	Emitted cli.Amount `json:"emitted"`
	// Burned counts treasury burns and the burned share of every slash (both go through the
	// emission burn ledger).
	Burned    cli.Amount `json:"burned"`
	Expected  cli.Amount `json:"expectedSupply"`
	Supply    cli.Amount `json:"supply"`
	Holds     bool       `json:"holds"`
	HoldsText string     `json:"holdsText"`
	// ScheduledNow is the schedule's cumulative emission up to the last ended epoch.
	ScheduledNow cli.Amount `json:"scheduledNow"`

	StakerPool   cli.Amount  `json:"stakerPool"`   // staking rewards funded - claimed
	SupplierPool *cli.Amount `json:"supplierPool"` // the supplier vault's balance (null when unreadable)
	ActiveStake  cli.Amount  `json:"activeStake"`
	DeviceStake  cli.Amount  `json:"deviceStake"`

	Devices     int            `json:"devices"`
	DevicesLive int            `json:"devicesLive"` // heartbeats recorded this epoch
	OpenJobs    map[string]int `json:"openJobs"`    // by state
	Burns       []BurnRow      `json:"burns"`
	Keeper      KeeperHealth   `json:"keeper"`
}

// BurnRow is one burn ledger record.
type BurnRow struct {
	Index  uint64     `json:"index"`
	Amount cli.Amount `json:"amount"`
	Reason string     `json:"reason"`
	Burner string     `json:"burner"`
	Time   string     `json:"time"`
}

// KeeperHealth is what the permissionless keeper has done and what is due.
type KeeperHealth struct {
	LastCrank      string `json:"lastCrank"` // time of the newest crank among the program's recent transactions
	DueEpochs      uint64 `json:"dueEpochs"` // ended and not minted
	DueSettlements int    `json:"dueSettlements"`
	DueExpiries    int    `json:"dueExpiries"`
	ProposalsDue   int    `json:"proposalsDue"` // voting ended, not finalized
	ExecutionsDue  int    `json:"executionsDue"`
	Healthy        bool   `json:"healthy"`
	HealthText     string `json:"healthText"`
}

// ReadNetwork reads the network page; l gives the last crank.
func (c *Chain) ReadNetwork(ctx context.Context, l *Liveness) (*Network, error) {
	st, err := c.Emission.Status(ctx)
	if err != nil {
		return nil, err
	}
	n := &Network{
		ChainTime: time.Unix(st.ChainTime, 0).UTC(), Status: st,
		CurrentEpoch: st.CurrentEpoch, LastEndedEpoch: st.LastEndedEpoch, LastMintedEpoch: st.LastMintedEpoch, BurnCount: st.BurnCount,
		Launch: cli.IO(schedule.LaunchSupply), Emitted: cli.IO(st.Emitted), Burned: cli.IO(st.Burned),
		Expected: cli.IO(st.ExpectedSupply), Supply: cli.IO(st.Supply),
		Holds: st.SupplyHolds, ScheduledNow: cli.IO(schedule.Cumulative(st.LastEndedEpoch)), OpenJobs: map[string]int{},
	}
	n.HoldsText = "holds"
	switch {
	case !st.SupplyHolds:
		n.HoldsText = "DOES NOT HOLD"
	case st.BurnedOutsideLedger > 0:
		n.HoldsText = fmt.Sprintf("holds (%s burned by holders outside the ledger)", ioText(st.BurnedOutsideLedger))
	}
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	n.ActiveStake, n.DeviceStake = cli.IO(cfg.TotalStake), cli.IO(cfg.TotalDeviceStake)
	n.StakerPool = cli.IO(cfg.RewardsFunded - min(cfg.RewardsClaimed, cfg.RewardsFunded))
	if vault, err := c.SX.FetchTokenAccount(ctx, c.Emission.Addresses.SupplierVault); err == nil {
		pool := cli.IO(vault.Amount)
		n.SupplierPool = &pool
	}
	devices, err := c.ListDevices(ctx)
	if err != nil {
		return nil, err
	}
	n.Devices = len(devices)
	live, err := c.liveDevices(ctx, st.CurrentEpoch)
	if err != nil {
		return nil, err
	}
	n.DevicesLive = len(live)
	if err := c.jobHealth(ctx, n); err != nil {
		return nil, err
	}
	if n.Burns, err = c.burns(ctx, st.BurnCount); err != nil {
		return nil, err
	}
	if err := c.governanceDue(ctx, n); err != nil {
		return nil, err
	}
	n.Keeper.DueEpochs = st.LastEndedEpoch - min(st.LastMintedEpoch, st.LastEndedEpoch)
	n.Keeper.LastCrank = "none yet"
	if cr := l.LastCrank(); cr.LastEpoch > 0 {
		n.Keeper.LastCrank = fmt.Sprintf("%s (epochs %d-%d)", timeText(cr.Time), cr.FirstEpoch, cr.LastEpoch)
	}
	k := &n.Keeper
	k.Healthy = k.DueEpochs <= 1 && k.DueSettlements == 0 && k.DueExpiries == 0 && k.ProposalsDue == 0 && k.ExecutionsDue == 0
	k.HealthText = "up to date"
	if !k.Healthy {
		k.HealthText = fmt.Sprintf("behind: %d epochs to mint, %d settlements, %d expiries, %d proposals to finalize, %d to execute",
			k.DueEpochs, k.DueSettlements, k.DueExpiries, k.ProposalsDue, k.ExecutionsDue)
	}
	return n, nil
}

// liveDevices are the devices whose liveness account holds a heartbeat of epoch.
func (c *Chain) liveDevices(ctx context.Context, epoch uint64) (map[string]bool, error) {
	accounts, err := c.Emission.LivenessAccounts(ctx, solana.PublicKey{})
	if err != nil {
		return nil, err
	}
	live := map[string]bool{}
	for _, l := range accounts {
		if _, ok := emission.Entry(l, epoch); ok {
			live[l.DeviceKey.String()] = true
		}
	}
	return live, nil
}

// jobHealth counts open jobs by state and the settlements and expiries due now.
func (c *Chain) jobHealth(ctx context.Context, n *Network) error {
	cfg, err := c.Jobs.FetchConfig(ctx)
	if err != nil {
		return err
	}
	open, err := c.Jobs.ListJobs(ctx, jobs.Filter{})
	if err != nil {
		return err
	}
	now := n.ChainTime.Unix()
	for _, j := range open {
		state := jobs.State(j.State)
		n.OpenJobs[state.String()]++
		switch state {
		case jobs.StateAttested:
			if now > j.WindowEndTs {
				n.Keeper.DueSettlements++
			}
		case jobs.StateClaimed:
			if now > j.ClaimedTs+int64(j.MaxDurationSeconds)+cfg.ExpiryGraceSeconds {
				n.Keeper.DueExpiries++
			}
		}
	}
	return nil
}

// burns reads the newest maxBurnRows burn records.
func (c *Chain) burns(ctx context.Context, count uint64) ([]BurnRow, error) {
	out := []BurnRow{}
	for i := count; i > 0 && len(out) < maxBurnRows; i-- {
		r, err := c.Emission.FetchBurnRecord(ctx, i-1)
		if errors.Is(err, emission.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, BurnRow{Index: r.Index, Amount: cli.IO(r.Amount), Reason: emission.ReasonText(r), Burner: r.Burner.String(), Time: unixText(r.Timestamp)})
	}
	return out, nil
}
