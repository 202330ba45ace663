package duties

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity"
	capgen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Kinds of proof-of-capacity work (programs/capacity; README "Proof of capacity").
const (
	// KindChallenge requests a challenge for a staked device at a random time: first when it has
	// none, then between a quarter and half of validity_epochs after its last pass (so it can
	// miss once and still pass again in time), and within an hour after the interval that
	// follows a miss.
	KindChallenge = "capacity_challenge"
	// KindCapacityExpire closes a challenge whose phase passed its deadline as missed.
	KindCapacityExpire = "capacity_expire"
	// KindSlashFault slashes a device whose record holds a proven fault (the paid share to the
	// IO treasury, never the caller).
	KindSlashFault = "capacity_slash_fault"
)

// Compute budgets, with headroom: request_challenge creating the record measured 9,921 and
// slash_fault with staking's slash and emission's burn 15,679 (`go test -v
// ./client/capacity/faulttest`); expire reads and writes one record (TestCapacityDuties runs it
// within its budget).
const (
	challengeUnits  = 20_000
	capExpireUnits  = 4_000
	slashFaultUnits = 30_000
)

// defaultSlotDuration converts slots to chain time when scheduling (a deadline in slots) until
// the keeper has measured the chain's own pace (slotPace); a wrong estimate only moves a step
// to a later rescan, since Prepare checks the slot itself.
const defaultSlotDuration = 400 * time.Millisecond

// paceSlots is how many slots the keeper watches pass before it trusts its measured pace.
const paceSlots = 20

var capacityErrors = anchor.MustErrors("capacity", capgen.IDL)

// CapacityDuty is one kind of capacity work over every device's record.
type CapacityDuty struct {
	c     *capacity.Client
	stk   *staking.Client
	kind  string
	units uint64
	races []string
	salt  [32]byte // random per keeper: nobody can predict its challenge times

	mu      sync.Mutex
	devices map[solana.PublicKey]solana.PublicKey // record address -> device key
	cfg     *capgen.CapacityConfig                // as last read
	clock   chainClock                            // as last read
	pace    slotPace
}

// slotPace measures how long a slot lasts on the keeper's own clock (a warped chain clock
// would mislead it): from the first reading to the latest.
type slotPace struct {
	slot  uint64
	wall  time.Time
	moved bool
	per   time.Duration
}

func (p *slotPace) observe(slot uint64, now time.Time) {
	switch {
	case !p.moved:
		p.slot, p.wall, p.moved = slot, now, true
	case slot >= p.slot+paceSlots:
		p.per = now.Sub(p.wall) / time.Duration(slot-p.slot)
	}
}

func (p *slotPace) duration() time.Duration {
	if p.per <= 0 {
		return defaultSlotDuration
	}
	return p.per
}

func newCapacityDuty(c *capacity.Client, stk *staking.Client, kind string, units uint64, races ...string) *CapacityDuty {
	d := &CapacityDuty{c: c, stk: stk, kind: kind, units: units, races: races, devices: map[solana.PublicKey]solana.PublicKey{}}
	_, _ = rand.Read(d.salt[:]) // crypto/rand.Read does not fail (Go 1.24)
	return d
}

// NewChallenge is the challenge duty: staked devices of a challenged class, at random times.
func NewChallenge(c *capacity.Client, stk *staking.Client) *CapacityDuty {
	return newCapacityDuty(c, stk, KindChallenge, challengeUnits, capgen.Error_ChallengeOpen, capgen.Error_TooSoon)
}

// NewCapacityExpire is the expiry duty: open challenges past their phase's deadline.
func NewCapacityExpire(c *capacity.Client, stk *staking.Client) *CapacityDuty {
	return newCapacityDuty(c, stk, KindCapacityExpire, capExpireUnits, capgen.Error_NoOpenChallenge, capgen.Error_NotExpired)
}

// NewSlashFault is the slashing duty: records with a proven fault not slashed yet.
func NewSlashFault(c *capacity.Client, stk *staking.Client) *CapacityDuty {
	return newCapacityDuty(c, stk, KindSlashFault, slashFaultUnits, capgen.Error_FaultAlreadySlashed, capgen.Error_NoFaultToSlash)
}

func (d *CapacityDuty) Kind() string              { return d.kind }
func (d *CapacityDuty) Program() solana.PublicKey { return d.c.ProgramID }
func (d *CapacityDuty) DecodeError(err error) error {
	return capacityErrors.Decode(err, d.c.ProgramID)
}

// IsRace: someone else requested, expired or slashed first (or the slot estimate was early).
func (d *CapacityDuty) IsRace(name string) bool {
	for _, r := range d.races {
		if r == name {
			return true
		}
	}
	return false
}

// chainClock is the Clock sysvar's slot and unix time, read together.
type chainClock struct {
	slot uint64
	ts   int64
}

func readClock(ctx context.Context, c *rpc.Client) (chainClock, error) {
	info, err := c.GetAccountInfoWithOpts(ctx, solana.SysVarClockPubkey, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	if err != nil {
		return chainClock{}, fmt.Errorf("read the clock: %w", solanax.WrapRPCError("getAccountInfo", err))
	}
	data := info.Value.Data.GetBinary()
	if len(data) < 40 {
		return chainClock{}, fmt.Errorf("read the clock: %d bytes, want 40", len(data))
	}
	return chainClock{slot: binary.LittleEndian.Uint64(data[0:8]), ts: int64(binary.LittleEndian.Uint64(data[32:40]))}, nil
}

// slotTime estimates the chain time of slot from the clock's reading.
func (d *CapacityDuty) slotTime(clock chainClock, slot uint64) int64 {
	d.mu.Lock()
	per := d.pace.duration()
	d.mu.Unlock()
	delta := time.Duration(int64(slot)-int64(clock.slot)) * per
	return clock.ts + int64(delta/time.Second)
}

// readClock reads the clock and updates the measured slot pace.
func (d *CapacityDuty) readClock(ctx context.Context) (chainClock, error) {
	clock, err := readClock(ctx, d.c.Solana().RPC)
	if err == nil {
		d.mu.Lock()
		d.pace.observe(clock.slot, time.Now())
		d.mu.Unlock()
	}
	return clock, err
}

// jitter is a delay in [lo, hi) seconds for deviceKey's challenge after anchor (a slot), drawn
// from the keeper's secret salt: stable across rescans, unknown to the device.
func (d *CapacityDuty) jitter(deviceKey solana.PublicKey, anchor uint64, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	var slot [8]byte
	binary.LittleEndian.PutUint64(slot[:], anchor)
	h := sha256.Sum256(append(append(d.salt[:], deviceKey[:]...), slot[:]...))
	return lo + int64(binary.LittleEndian.Uint64(h[:8])%uint64(hi-lo))
}

// dueAt is when rec (nil: none yet) has work of this duty's kind, and whether it has any.
func (d *CapacityDuty) dueAt(deviceKey solana.PublicKey, rec *capgen.DeviceCapacity, cfg *capgen.CapacityConfig, clock chainClock) (int64, bool) {
	switch d.kind {
	case KindSlashFault:
		return 0, rec != nil && capacity.Slashable(rec)
	case KindCapacityExpire:
		if rec == nil {
			return 0, false
		}
		deadline, open := capacity.PhaseDeadline(rec)
		return d.slotTime(clock, deadline+1), open
	}
	if rec == nil || rec.Status == capacity.StatusNone {
		return 0, true
	}
	switch rec.Status {
	case capacity.StatusPassed:
		period := int64(cfg.ValidityEpochs) * capacity.EpochSeconds
		return rec.LastPassTs + d.jitter(deviceKey, rec.RequestSlot, period/4, period/2), true
	case capacity.StatusMissed:
		return d.slotTime(clock, rec.ClosedSlot+cfg.IntervalSlots) + d.jitter(deviceKey, rec.RequestSlot, 0, capacity.EpochSeconds), true
	}
	return 0, false // open (the expiry duty's) or a fault (never again)
}

func (d *CapacityDuty) task(record solana.PublicKey, rec *capgen.DeviceCapacity, dueAt int64) plan.Task {
	t := plan.Task{Kind: d.kind, Key: record, DueAt: dueAt}
	if rec != nil {
		t.ID = rec.Challenges
	}
	return t
}

func (d *CapacityDuty) Scan(ctx context.Context) ([]plan.Task, error) {
	cfg, err := d.c.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	clock, err := d.readClock(ctx)
	if err != nil {
		return nil, err
	}
	records, err := d.c.ListRecords(ctx)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.cfg, d.clock = cfg, clock
	for addr, rec := range records {
		d.devices[addr] = rec.DeviceKey
	}
	d.mu.Unlock()
	var out []plan.Task
	if d.kind != KindChallenge {
		for addr, rec := range records {
			if due, ok := d.dueAt(rec.DeviceKey, rec, cfg, clock); ok {
				out = append(out, d.task(addr, rec, due))
			}
		}
		return out, nil
	}
	// Challenges: every staked device of a challenged class, with or without a record.
	stkCfg, err := d.stk.FetchConfig(ctx)
	if err != nil {
		return nil, err
	}
	devices, err := d.stk.ListAllDevices(ctx)
	if err != nil {
		return nil, err
	}
	for _, dev := range devices {
		if !challenged(stkCfg, cfg, dev) {
			continue
		}
		addr, err := capacity.RecordAddress(d.c.ProgramID, dev.DeviceKey)
		if err != nil {
			return nil, err
		}
		d.mu.Lock()
		d.devices[addr] = dev.DeviceKey
		d.mu.Unlock()
		if due, ok := d.dueAt(dev.DeviceKey, records[addr], cfg, clock); ok {
			out = append(out, d.task(addr, records[addr], due))
		}
	}
	return out, nil
}

// challenged: the device's class has a challenge (n > 0) and its stake covers its requirement
// (an unstaked device earns nothing, and a request for it would cost the keeper its record's rent).
func challenged(stkCfg *stakinggen.Config, cfg *capgen.CapacityConfig, dev *stakinggen.Device) bool {
	return int(dev.GpuClass) < len(cfg.Classes) && cfg.Classes[dev.GpuClass].N > 0 && staking.DeviceEligibility(stkCfg, dev).Eligible
}

// Observe follows records (and the config's parameters); a device without a record yet is
// found by the next rescan.
func (d *CapacityDuty) Observe(key solana.PublicKey, data []byte) (plan.Task, keeper.Observation) {
	if cfg, err := capgen.ParseAccount_CapacityConfig(data); err == nil {
		d.mu.Lock()
		d.cfg = cfg
		d.mu.Unlock()
		return plan.Task{}, keeper.Unrelated
	}
	rec, err := capgen.ParseAccount_DeviceCapacity(data)
	if err != nil {
		return plan.Task{}, keeper.Unrelated
	}
	d.mu.Lock()
	d.devices[key] = rec.DeviceKey
	cfg, clock := d.cfg, d.clock
	d.mu.Unlock()
	if cfg == nil {
		return plan.Task{}, keeper.Unrelated // no scan yet: it will find the record
	}
	due, ok := d.dueAt(rec.DeviceKey, rec, cfg, clock)
	if !ok {
		return d.task(key, rec, 0), keeper.Settled
	}
	return d.task(key, rec, due), keeper.Pending
}

// Prepare reads the clock, the config and each record (and, for a challenge, the device) afresh.
func (d *CapacityDuty) Prepare(ctx context.Context, payer solana.PublicKey, tasks []plan.Task, _ int64) ([]keeper.Step, []keeper.Gone, error) {
	cfg, err := d.c.FetchConfig(ctx)
	if err != nil {
		return nil, nil, err
	}
	clock, err := d.readClock(ctx)
	if err != nil {
		return nil, nil, err
	}
	var steps []keeper.Step
	var gone []keeper.Gone
	for _, t := range tasks {
		d.mu.Lock()
		deviceKey, known := d.devices[t.Key]
		d.mu.Unlock()
		if !known {
			gone = append(gone, keeper.Gone{Task: t, Reason: "no device known for this record"})
			continue
		}
		rec, err := d.c.FetchRecord(ctx, deviceKey)
		if errors.Is(err, capacity.ErrNotFound) {
			rec, err = nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		step, reason, err := d.step(ctx, payer, deviceKey, rec, cfg, clock)
		if err != nil {
			return nil, nil, err
		}
		if reason != "" {
			_, pending := d.dueAt(deviceKey, rec, cfg, clock)
			gone = append(gone, keeper.Gone{Task: t, Done: !pending, Reason: reason})
			continue
		}
		step.Task = t
		steps = append(steps, step)
	}
	return steps, gone, nil
}

// step builds deviceKey's step at clock, or says why there is none now.
func (d *CapacityDuty) step(ctx context.Context, payer, deviceKey solana.PublicKey, rec *capgen.DeviceCapacity, cfg *capgen.CapacityConfig, clock chainClock) (keeper.Step, string, error) {
	if _, ok := d.dueAt(deviceKey, rec, cfg, clock); !ok {
		return keeper.Step{}, "nothing of this kind to do any more", nil
	}
	detail := "device " + deviceKey.String()
	switch d.kind {
	case KindSlashFault:
		target, err := d.c.FetchSlashTarget(ctx)
		if err != nil {
			return keeper.Step{}, "", err
		}
		create, err := solanax.CreateAssociatedTokenAccountIdempotent(payer, target.TreasuryAuthority, target.IOMint, solana.TokenProgramID)
		if err != nil {
			return keeper.Step{}, "", err
		}
		ix, err := d.c.SlashFaultInstruction(deviceKey, target)
		return keeper.Step{Setup: []solana.Instruction{create}, Main: ix, Units: d.units, Detail: detail}, "", err
	case KindCapacityExpire:
		if deadline, _ := capacity.PhaseDeadline(rec); clock.slot <= deadline {
			return keeper.Step{}, "not overdue yet", nil
		}
		ix, err := d.c.ExpireInstruction(deviceKey)
		return keeper.Step{Main: ix, Units: d.units, Detail: detail}, "", err
	}
	stkCfg, err := d.stk.FetchConfig(ctx)
	if err != nil {
		return keeper.Step{}, "", err
	}
	dev, err := d.stk.FetchDevice(ctx, deviceKey)
	if errors.Is(err, staking.ErrNotFound) {
		return keeper.Step{}, "the device is no longer registered", nil
	}
	if err != nil {
		return keeper.Step{}, "", err
	}
	if !challenged(stkCfg, cfg, dev) {
		return keeper.Step{}, "the device is not staked, or its class is not challenged", nil
	}
	if rec != nil && rec.Status != capacity.StatusNone && clock.slot < rec.ClosedSlot+cfg.IntervalSlots {
		return keeper.Step{}, "the interval after its last challenge is not over", nil
	}
	ix, err := d.c.RequestChallengeInstruction(payer, deviceKey)
	return keeper.Step{Main: ix, Units: d.units, Detail: detail}, "", err
}
