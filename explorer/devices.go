package explorer

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stkgen "github.com/ionet-oss/ionet/client/staking/gen"
)

// deviceOwnerOffset is Device.owner's offset (after the discriminator).
const deviceOwnerOffset = 8

// ListDevices reads every registered device (getProgramAccounts with the Device discriminator),
// by device key; with owner set, only that owner's.
func (c *Chain) listDevices(ctx context.Context, owner solana.PublicKey) ([]*stkgen.Device, error) {
	filters := []rpc.RPCFilter{{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: stkgen.Account_Device[:]}}}
	if !owner.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: deviceOwnerOffset, Bytes: owner[:]}})
	}
	res, err := c.SX.RPC.GetProgramAccountsWithOpts(ctx, c.Staking.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64, Filters: filters,
	})
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	out := make([]*stkgen.Device, 0, len(res))
	for _, a := range res {
		d, err := stkgen.ParseAccount_Device(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list devices: decode %s: %w", a.Pubkey, err)
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].DeviceKey.String() < out[k].DeviceKey.String() })
	return out, nil
}

// ListDevices reads every registered device, by device key.
func (c *Chain) ListDevices(ctx context.Context) ([]*stkgen.Device, error) {
	return c.listDevices(ctx, solana.PublicKey{})
}

// DeviceRow is one device in the list.
type DeviceRow struct {
	DeviceKey string     `json:"deviceKey"`
	Owner     string     `json:"owner"`
	Class     string     `json:"class"`
	GPUs      uint64     `json:"gpus"`
	Stake     cli.Amount `json:"stake"`
	Required  cli.Amount `json:"required"`
	Eligible  bool       `json:"eligible"`
	Reason    string     `json:"reason"`
	LiveNow   bool       `json:"liveNow"`
	// Reliability: how its jobs closed, from the job history.
	Settled int `json:"settled"`
	Expired int `json:"expired"`
	Fraud   int `json:"fraud"`
}

// Devices is the devices page.
type Devices struct {
	Epoch   uint64      `json:"epoch"`
	Devices []DeviceRow `json:"devices"`
	Page    Page        `json:"page"`
}

// reliability counts the outcomes of a device's closed jobs.
type reliability struct{ settled, expired, fraud int }

func outcomesByDevice(receipts []Receipt) map[solana.PublicKey]reliability {
	out := map[solana.PublicKey]reliability{}
	for _, r := range receipts {
		if !r.Closed || r.DeviceKey.IsZero() {
			continue
		}
		rel := out[r.DeviceKey]
		switch r.Outcome {
		case jobs.OutcomeSettled, jobs.OutcomeChallengeRejected:
			rel.settled++
		case jobs.OutcomeExpired:
			rel.expired++
		case jobs.OutcomeFraud:
			rel.fraud++
		}
		out[r.DeviceKey] = rel
	}
	return out
}

// ReadDevices reads page of the device list.
func (c *Chain) ReadDevices(ctx context.Context, h *History, page int) (*Devices, error) {
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	epoch, err := c.Emission.CurrentEpoch(ctx)
	if err != nil {
		return nil, err
	}
	all, err := c.ListDevices(ctx)
	if err != nil {
		return nil, err
	}
	live, err := c.liveDevices(ctx, epoch)
	if err != nil {
		return nil, err
	}
	rel := outcomesByDevice(h.Receipts(nil))
	shown, p := pageOf(all, page)
	out := &Devices{Epoch: epoch, Page: p, Devices: make([]DeviceRow, 0, len(shown))}
	for _, d := range shown {
		out.Devices = append(out.Devices, deviceRow(cfg, d, live[d.DeviceKey.String()], rel[d.DeviceKey]))
	}
	return out, nil
}

func deviceRow(cfg *stkgen.Config, d *stkgen.Device, liveNow bool, rel reliability) DeviceRow {
	e := staking.DeviceEligibility(cfg, d)
	class := e.Class
	if class == "" {
		class = fmt.Sprintf("class %d", d.GpuClass)
	}
	return DeviceRow{
		DeviceKey: d.DeviceKey.String(), Owner: d.Owner.String(), Class: class, GPUs: d.GpuCount,
		Stake: cli.IO(d.Stake), Required: cli.IO(e.Required), Eligible: e.Eligible, Reason: e.Reason, LiveNow: liveNow,
		Settled: rel.settled, Expired: rel.expired, Fraud: rel.fraud,
	}
}

// EpochRow is one epoch of a device's liveness record.
type EpochRow struct {
	Epoch       uint64      `json:"epoch"`
	Live        bool        `json:"live"`
	Status      string      `json:"status"` // live or not and why, where the reward stands
	Weight      uint64      `json:"weight"`
	TotalWeight uint64      `json:"totalWeight"`
	Share       *cli.Amount `json:"share"` // what the claim pays or paid; null when none
	Claimed     bool        `json:"claimed"`
}

// SlashRow is a slash of the device, from its closed jobs.
type SlashRow struct {
	Job    uint64     `json:"job"`
	Amount cli.Amount `json:"amount"`
	Cause  string     `json:"cause"`
}

// CooldownRow is stake cooling down.
type CooldownRow struct {
	Amount   cli.Amount `json:"amount"`
	UnlockAt string     `json:"unlockAt"`
	Ready    bool       `json:"ready"`
}

// DeviceDetail is one device's page.
type DeviceDetail struct {
	DeviceRow
	Registered      string        `json:"registered"`
	CurrentEpoch    uint64        `json:"currentEpoch"`
	LastMintedEpoch uint64        `json:"lastMintedEpoch"`
	Claimable       cli.Amount    `json:"claimable"`
	FirstEpoch      uint64        `json:"firstEpoch"` // the epoch it registered in
	Epochs          []EpochRow    `json:"epochs"`     // one page, newest first
	EpochsPage      Page          `json:"epochsPage"`
	Cooldowns       []CooldownRow `json:"cooldowns"`
	OpenJobs        []JobRow      `json:"openJobs"`
	ClosedJobs      []JobRow      `json:"closedJobs"`
	Slashes         []SlashRow    `json:"slashes"`

	rewards *emission.DeviceRewards
	beat    func(uint64) (Beat, bool)
}

// epochCount is how many epochs run from first to current.
func epochCount(first, current uint64) int {
	if current < first {
		return 0
	}
	return int(min(current-first+1, uint64(schedule.LastEpoch)))
}

// AllEpochs are the device's epochs since registration, newest first, at most limit.
func (d *DeviceDetail) AllEpochs(limit int) []EpochRow {
	return epochRows(d.rewards, d.beat, d.FirstEpoch, d.CurrentEpoch, 0, limit)
}

// ReadDevice reads device key's page with page of its epochs since registration; found is
// false for an unregistered key.
func (c *Chain) ReadDevice(ctx context.Context, h *History, l *Liveness, key solana.PublicKey, page int) (*DeviceDetail, bool, error) {
	d, err := c.Staking.FetchDevice(ctx, key)
	if isNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return nil, false, err
	}
	rewards, err := c.Emission.Rewards(ctx, key)
	if err != nil {
		return nil, false, err
	}
	now, err := c.Now(ctx)
	if err != nil {
		return nil, false, err
	}
	st, err := c.Emission.FetchState(ctx)
	if err != nil {
		return nil, false, err
	}
	first, _ := schedule.EpochAt(st.StartTs, d.RegisteredTs)
	first = max(first, 1)
	receipts := h.Receipts(func(r *Receipt) bool { return r.DeviceKey == key })
	liveNow := false
	for _, e := range rewards.Epochs {
		liveNow = liveNow || e.Epoch == rewards.CurrentEpoch && e.Live
	}
	out := &DeviceDetail{
		DeviceRow:  deviceRow(cfg, d, liveNow, outcomesByDevice(receipts)[key]),
		Registered: unixText(d.RegisteredTs), CurrentEpoch: rewards.CurrentEpoch, LastMintedEpoch: rewards.LastMintedEpoch,
		Claimable: cli.IO(rewards.Claimable), Cooldowns: cooldownRows(d.Cooldowns[:], now),
		FirstEpoch: first, Slashes: []SlashRow{},
	}
	beat := func(epoch uint64) (Beat, bool) { return l.Beat(key, epoch) }
	out.Epochs = epochRows(rewards, beat, first, rewards.CurrentEpoch, (page-1)*PageSize, PageSize)
	out.EpochsPage = Page{Number: page, Total: epochCount(first, rewards.CurrentEpoch)}
	if page > 1 {
		out.EpochsPage.Prev = page - 1
	}
	if page*PageSize < out.EpochsPage.Total {
		out.EpochsPage.Next, out.EpochsPage.More = page+1, true
	}
	out.rewards, out.beat = rewards, beat
	views, err := c.jobViews(ctx)
	if err != nil {
		return nil, false, err
	}
	open, err := c.Jobs.ListJobs(ctx, jobs.Filter{DeviceKey: key})
	if err != nil {
		return nil, false, err
	}
	out.OpenJobs = views.openRows(open)
	out.ClosedJobs = views.receiptRows(receipts)
	for _, r := range receipts {
		if r.Slashed > 0 {
			out.Slashes = append(out.Slashes, SlashRow{Job: r.ID, Amount: cli.IO(r.Slashed), Cause: slashCause(r.Outcome)})
		}
	}
	return out, true, nil
}

func slashCause(o jobs.Outcome) string {
	switch o {
	case jobs.OutcomeExpired:
		return "expired: no attestation by the deadline plus grace"
	case jobs.OutcomeFraud:
		return "fraud: the arbiter upheld a challenge"
	default:
		return OutcomeName(o)
	}
}

func cooldownRows(slots []stkgen.Cooldown, now time.Time) []CooldownRow {
	out := []CooldownRow{}
	for _, s := range slots {
		if s.Amount == 0 {
			continue
		}
		out = append(out, CooldownRow{Amount: cli.IO(s.Amount), UnlockAt: unixText(s.UnlockTs), Ready: s.UnlockTs <= now.Unix()})
	}
	return out
}
