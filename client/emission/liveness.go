package emission

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"sort"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Liveness rewards: a staked device records one heartbeat per epoch; once the epoch is minted its
// owner claims supplier_amount * weight / total_weight of it.

// A DeviceLiveness's size and owner offset (programs-idl/emission.json), for getProgramAccounts
// filters; claimsPerTransaction bounds the claim instructions sent in one transaction.
const (
	livenessSize         = 8 + 2*32 + SupplierRing*(8+4) + 2*8 + 9 + 7
	livenessOwnerOffset  = 8 + 32
	claimsPerTransaction = 6
)

// FetchLivenessPool reads the per-epoch total weights (the pool initialize creates).
func (c *Client) FetchLivenessPool(ctx context.Context) (*gen.LivenessPool, error) {
	return anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, c.Addresses.LivenessPool, "liveness pool", gen.ParseAccount_LivenessPool)
}

// FetchDeviceLiveness reads deviceKey's liveness account (its heartbeats of the last
// SupplierRing epochs); ErrNotFound before the device's first heartbeat (open_liveness).
func (c *Client) FetchDeviceLiveness(ctx context.Context, deviceKey solana.PublicKey) (*gen.DeviceLiveness, error) {
	addr, err := DeviceLivenessAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	return anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, addr, "device liveness", gen.ParseAccount_DeviceLiveness)
}

// FetchEntry reads deviceKey's heartbeat of epoch from its liveness account; ErrNotFound when
// its ring holds none (no heartbeat in that epoch, or one older than the ring).
func (c *Client) FetchEntry(ctx context.Context, deviceKey solana.PublicKey, epoch uint64) (LivenessEntry, error) {
	l, err := c.FetchDeviceLiveness(ctx, deviceKey)
	if err != nil {
		return LivenessEntry{}, err
	}
	e, ok := Entry(l, epoch)
	if !ok {
		return LivenessEntry{}, fmt.Errorf("device %s has no heartbeat of epoch %d: %w", deviceKey, epoch, ErrNotFound)
	}
	return e, nil
}

// LivenessEntry is one heartbeat a device's liveness account holds.
type LivenessEntry struct {
	Epoch uint64
	// Weight is the device's weight at the heartbeat (what the claim shares by).
	Weight uint64
	// Shared: the device had a co-staking offer (claim_shared_supplier_reward credits it).
	Shared bool
	// Claimed: the entry was claimed (the program cleared its unclaimed bit).
	Claimed bool
}

// Entry is l's heartbeat of epoch; false when its ring slot holds no heartbeat of that epoch.
func Entry(l *gen.DeviceLiveness, epoch uint64) (LivenessEntry, bool) {
	slot := epoch % SupplierRing
	if epoch == 0 || uint64(l.Epochs[slot]) != epoch {
		return LivenessEntry{}, false
	}
	return LivenessEntry{
		Epoch: epoch, Weight: l.Weights[slot], Shared: l.Shared[slot/8]&(1<<(slot%8)) != 0, Claimed: l.Unclaimed[slot/64]&(1<<(slot%64)) == 0,
	}, true
}

// ClaimableEntries are l's unclaimed entries a claim pays now, oldest first: minted (SupplierAmount)
// and with their epoch's weight still in the pool (TotalWeight), as the program decides.
func ClaimableEntries(st *gen.EmissionState, pool *gen.LivenessPool, l *gen.DeviceLiveness) []LivenessEntry {
	var out []LivenessEntry
	last := st.LastMintedEpoch
	first := uint64(1)
	if last >= SupplierRing {
		first = last - SupplierRing + 1
	}
	for epoch := first; epoch <= last; epoch++ {
		e, ok := Entry(l, epoch)
		if !ok || e.Claimed {
			continue
		}
		if _, ok := TotalWeight(pool, epoch); ok {
			out = append(out, e)
		}
	}
	return out
}

// TotalWeight is epoch's heartbeat weight not yet claimed while the pool's ring holds it.
func TotalWeight(pool *gen.LivenessPool, epoch uint64) (uint64, bool) {
	if epoch == 0 || epoch > pool.LastEpoch || pool.LastEpoch-epoch >= SupplierRing {
		return 0, false
	}
	return pool.TotalWeights[epoch%SupplierRing], true
}

// Share is supplierAmount * weight / totalWeight rounded down, as the program pays it from what
// an epoch has left (SupplierAmount) and its weight not yet claimed (TotalWeight): 0 when
// totalWeight is 0 or weight exceeds it.
func Share(supplierAmount, weight, totalWeight uint64) uint64 {
	if totalWeight == 0 || weight > totalWeight {
		return 0
	}
	hi, lo := bits.Mul64(supplierAmount, weight)
	q, _ := bits.Div64(hi, lo, totalWeight) // weight <= totalWeight: the quotient fits
	return q
}

// CurrentEpoch is the epoch the chain clock is in (0 before the schedule starts).
func (c *Client) CurrentEpoch(ctx context.Context) (uint64, error) {
	st, err := c.FetchState(ctx)
	if err != nil {
		return 0, err
	}
	now, err := solanax.ChainTime(ctx, c.sx.RPC)
	if err != nil {
		return 0, err
	}
	epoch, _ := schedule.EpochAt(st.StartTs, now)
	return epoch, nil
}

// HeartbeatResult is what one heartbeat recorded.
type HeartbeatResult struct {
	*solanax.Result
	Recorded *gen.HeartbeatRecorded
}

// Heartbeat records device (its key signs) as live in the chain's current epoch; payer (device
// itself when nil) pays the fee, and the rent of the device's liveness account at its first
// heartbeat (open_liveness in the same transaction). It fails with AlreadyLive when the epoch already has
// this device's heartbeat, and with DeviceNotEligible when its stake is too low.
func (c *Client) Heartbeat(ctx context.Context, device, payer solana.PrivateKey) (*HeartbeatResult, error) {
	if payer == nil {
		payer = device
	}
	epoch, err := c.CurrentEpoch(ctx)
	if err != nil {
		return nil, fmt.Errorf("heartbeat: %w", err)
	}
	if epoch == 0 || epoch > schedule.LastEpoch {
		return nil, fmt.Errorf("heartbeat: the emission schedule is not running (clock epoch %d): there is no supplier pool to share", epoch)
	}
	capacityProgram, err := c.FetchCapacityProgram(ctx)
	if err != nil {
		return nil, fmt.Errorf("heartbeat: %w", err)
	}
	ixs, err := c.heartbeatInstructions(ctx, device.PublicKey(), payer.PublicKey(), epoch, capacityProgram)
	if err != nil {
		return nil, fmt.Errorf("heartbeat: %w", err)
	}
	res, err := Errors.Send(ctx, c.sx, c.ProgramID, fmt.Sprintf("heartbeat of %s in epoch %d", device.PublicKey(), epoch), payer, ixs, nil, solanax.WithSigners(device))
	if err != nil {
		return nil, err
	}
	out := &HeartbeatResult{Result: res}
	if out.Recorded, err = onlyEvent[*gen.HeartbeatRecorded](ctx, c, res, "HeartbeatRecorded"); err != nil {
		return nil, fmt.Errorf("heartbeat: %w", err)
	}
	return out, nil
}

// heartbeatInstructions is the device's heartbeat for epoch, preceded by open_liveness while the
// device has no liveness account yet (its first heartbeat: payer pays the account's rent).
func (c *Client) heartbeatInstructions(ctx context.Context, deviceKey, payer solana.PublicKey, epoch uint64, capacityProgram solana.PublicKey) ([]solana.Instruction, error) {
	heartbeat, err := c.HeartbeatInstructionWith(deviceKey, epoch, capacityProgram)
	if err != nil {
		return nil, err
	}
	_, err = c.FetchDeviceLiveness(ctx, deviceKey)
	switch {
	case err == nil:
		return []solana.Instruction{heartbeat}, nil
	case !errors.Is(err, anchor.ErrNotFound):
		return nil, err
	}
	open, err := c.OpenLivenessInstruction(deviceKey, payer)
	if err != nil {
		return nil, err
	}
	return []solana.Instruction{open, heartbeat}, nil
}

// IsAlreadyLive reports whether err is the program saying this device's heartbeat for the epoch
// is already recorded: what a retried heartbeat whose first try landed gets.
func IsAlreadyLive(err error) bool { return ErrorName(err) == gen.Error_AlreadyLive }

// Claim is one paid epoch of one device.
type Claim struct {
	DeviceKey solana.PublicKey `json:"device"`
	Epoch     uint64           `json:"epoch"`
	Amount    uint64           `json:"amount"`
	Signature solana.Signature `json:"signature"`
}

// ClaimSupplierReward claims, in one instruction, deviceKey's share of every epoch claimable now
// (minted, still in the rings, recorded without a co-staking offer) into owner's IO account
// (created when missing), and returns what each epoch paid. ErrNothingToClaim when there is none.
func (c *Client) ClaimSupplierReward(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey) ([]*Claim, error) {
	return c.claim(ctx, owner, []deviceClaims{{deviceKey: deviceKey, own: true}})
}

// ErrNothingToClaim: the device has no epoch to claim now (the program's NoHeartbeat, or
// EpochOutsideRing when its unclaimed heartbeats left the rings).
var ErrNothingToClaim = errors.New("nothing to claim: no heartbeat in the epochs minted and still in the ring is unclaimed")

// ClaimAll claims every minted, claimable epoch of every device owner owns and returns what each
// paid: per device one claim_supplier_reward for its epochs paid to the owner and one
// claim_shared_supplier_reward per epoch recorded with a co-staking offer, a few instructions per
// transaction. Epochs not minted yet stay for later; epochs older than the ring can no longer be
// claimed.
func (c *Client) ClaimAll(ctx context.Context, owner solana.PrivateKey) ([]*Claim, error) {
	devices, err := c.LivenessAccounts(ctx, owner.PublicKey())
	if err != nil {
		return nil, err
	}
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim supplier rewards: %w", err)
	}
	pool, err := c.FetchLivenessPool(ctx)
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claim supplier rewards: %w", err)
	}
	var todo []deviceClaims
	for _, l := range devices {
		own, shared := false, 0
		for _, e := range ClaimableEntries(st, pool, l) {
			if e.Shared {
				shared++
			} else {
				own = true
			}
		}
		if own {
			todo = append(todo, deviceClaims{deviceKey: l.DeviceKey, own: true})
		}
		for ; shared > 0; shared-- {
			todo = append(todo, deviceClaims{deviceKey: l.DeviceKey})
		}
	}
	var done []*Claim
	for len(todo) > 0 {
		n := min(len(todo), claimsPerTransaction)
		claims, err := c.claim(ctx, owner, todo[:n])
		done = append(done, claims...)
		if err != nil {
			return done, err
		}
		todo = todo[n:]
	}
	return done, nil
}

// deviceClaims is one claim instruction: a device's own epochs (claim_supplier_reward) or its
// shared ones, one per instruction (claim_shared_supplier_reward).
type deviceClaims struct {
	deviceKey solana.PublicKey
	own       bool
}

// claim sends one transaction of claims and reads the paid amounts from its events.
func (c *Client) claim(ctx context.Context, owner solana.PrivateKey, todo []deviceClaims) ([]*Claim, error) {
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim supplier rewards: %w", err)
	}
	ownerToken, err := solanax.AssociatedTokenAddress(owner.PublicKey(), st.IoMint)
	if err != nil {
		return nil, err
	}
	create, err := solanax.CreateAssociatedTokenAccountIdempotent(owner.PublicKey(), owner.PublicKey(), st.IoMint, solana.TokenProgramID)
	if err != nil {
		return nil, fmt.Errorf("claim supplier rewards: %w", err)
	}
	ixs := []solana.Instruction{create}
	for _, d := range todo {
		ix, err := c.ClaimSupplierRewardInstruction(owner.PublicKey(), d.deviceKey, ownerToken)
		if !d.own { // a device with a co-staking offer: credited to the offer
			ix, err = c.ClaimSharedSupplierRewardInstruction(owner.PublicKey(), d.deviceKey, st.IoMint)
		}
		if err != nil {
			return nil, fmt.Errorf("claim supplier reward of %s: %w", d.deviceKey, err)
		}
		ixs = append(ixs, ix)
	}
	what := fmt.Sprintf("claim supplier rewards of %s", todo[0].deviceKey)
	if len(todo) > 1 {
		what = fmt.Sprintf("claim supplier rewards (%d instructions)", len(todo))
	}
	res, err := c.Send(ctx, owner, ixs)
	if err != nil {
		if name := ErrorName(err); name == gen.Error_NoHeartbeat || name == gen.Error_EpochOutsideRing {
			return nil, fmt.Errorf("%s: %w: %w", what, ErrNothingToClaim, err)
		}
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return c.claimsOf(ctx, what, res)
}

// claimsOf reads the SupplierRewardClaimed events of res's transaction.
func (c *Client) claimsOf(ctx context.Context, what string, res *solanax.Result) ([]*Claim, error) {
	details, err := res.Details(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: read the transaction: %w", what, err)
	}
	var claims []*Claim
	for _, ev := range Events(details.Logs, c.ProgramID) {
		if e, ok := ev.(*gen.SupplierRewardClaimed); ok {
			claims = append(claims, &Claim{DeviceKey: e.DeviceKey, Epoch: e.Epoch, Amount: e.Amount, Signature: res.Signature})
		}
	}
	if len(claims) == 0 {
		return nil, fmt.Errorf("%s: transaction %s logged no SupplierRewardClaimed event", what, res.Signature)
	}
	// A claim logs its epochs in ring-slot order: each instruction's run (one device) by epoch,
	// the instructions in the order they ran.
	for i := 0; i < len(claims); {
		k := i + 1
		for k < len(claims) && claims[k].DeviceKey == claims[i].DeviceKey {
			k++
		}
		run := claims[i:k]
		sort.Slice(run, func(a, b int) bool { return run[a].Epoch < run[b].Epoch })
		i = k
	}
	return claims, nil
}

// LivenessAccounts lists the liveness accounts of the devices owner owns (every device's when
// owner is zero), by device key.
func (c *Client) LivenessAccounts(ctx context.Context, owner solana.PublicKey) ([]*gen.DeviceLiveness, error) {
	filters := []rpc.RPCFilter{
		{DataSize: livenessSize},
		{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_DeviceLiveness[:]}},
	}
	if !owner.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: livenessOwnerOffset, Bytes: owner[:]}})
	}
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64, Filters: filters,
	})
	if err != nil {
		return nil, fmt.Errorf("list device liveness accounts: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	out := make([]*gen.DeviceLiveness, 0, len(res))
	for _, a := range res {
		l, err := gen.ParseAccount_DeviceLiveness(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list device liveness accounts: decode %s: %w", a.Pubkey, err)
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].DeviceKey.String() < out[k].DeviceKey.String() })
	return out, nil
}

// onlyEvent is the single event of type T that res's transaction logged.
func onlyEvent[T any](ctx context.Context, c *Client, res *solanax.Result, name string) (T, error) {
	var zero T
	details, err := res.Details(ctx)
	if err != nil {
		return zero, fmt.Errorf("read the transaction: %w", err)
	}
	for _, ev := range Events(details.Logs, c.ProgramID) {
		if e, ok := ev.(T); ok {
			return e, nil
		}
	}
	return zero, fmt.Errorf("transaction %s logged no %s event", res.Signature, name)
}

// isNotFound reports an account that does not exist.
func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
