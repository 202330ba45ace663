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

// Byte offsets in a HeartbeatReceipt (programs-idl/emission.json), for getProgramAccounts filters.
const (
	receiptSize          = 8 + 2*32 + 3*8 + 8
	receiptDeviceOffset  = 8
	receiptOwnerOffset   = 8 + 32
	claimsPerTransaction = 6
)

// FetchLivenessPool reads the per-epoch total weights (the pool initialize creates).
func (c *Client) FetchLivenessPool(ctx context.Context) (*gen.LivenessPool, error) {
	return anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, c.Addresses.LivenessPool, "liveness pool", gen.ParseAccount_LivenessPool)
}

// FetchReceipt reads deviceKey's heartbeat receipt for epoch; ErrNotFound when there was no
// heartbeat or it was claimed.
func (c *Client) FetchReceipt(ctx context.Context, deviceKey solana.PublicKey, epoch uint64) (*gen.HeartbeatReceipt, error) {
	addr, err := HeartbeatReceiptAddress(c.ProgramID, deviceKey, epoch)
	if err != nil {
		return nil, err
	}
	return anchor.Fetch(ctx, c.sx.RPC, "emission", c.ProgramID, addr, "heartbeat receipt", gen.ParseAccount_HeartbeatReceipt)
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

// Heartbeat records device (its key signs) as live in the chain's current epoch; payer pays the
// receipt's rent (device itself when nil). It fails with AlreadyLive when the epoch already has
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
	ix, err := c.HeartbeatInstructionWith(device.PublicKey(), payer.PublicKey(), epoch, capacityProgram)
	res, err := c.sendOne(ctx, fmt.Sprintf("heartbeat of %s in epoch %d", device.PublicKey(), epoch), payer, ix, err, solanax.WithSigners(device))
	if err != nil {
		return nil, err
	}
	out := &HeartbeatResult{Result: res}
	if out.Recorded, err = onlyEvent[*gen.HeartbeatRecorded](ctx, c, res, "HeartbeatRecorded"); err != nil {
		return nil, fmt.Errorf("heartbeat: %w", err)
	}
	return out, nil
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

// ClaimSupplierReward claims deviceKey's share of epoch into owner's IO account (created when
// missing); the receipt's rent returns to owner.
func (c *Client) ClaimSupplierReward(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey, epoch uint64) (*Claim, error) {
	claims, err := c.claim(ctx, owner, []*gen.HeartbeatReceipt{{DeviceKey: deviceKey, Epoch: epoch}})
	if err != nil {
		return nil, err
	}
	return claims[0], nil
}

// ClaimAll claims every minted, claimable epoch of every device owner owns, a few per
// transaction, and returns what each paid. Receipts of epochs not minted yet stay for later;
// receipts older than the ring can no longer be claimed and are left out.
func (c *Client) ClaimAll(ctx context.Context, owner solana.PrivateKey) ([]*Claim, error) {
	receipts, err := c.Receipts(ctx, ReceiptFilter{Owner: owner.PublicKey()})
	if err != nil {
		return nil, err
	}
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim supplier rewards: %w", err)
	}
	var claimable []*gen.HeartbeatReceipt
	for _, r := range receipts {
		if _, ok := SupplierAmount(st, r.Epoch); ok {
			claimable = append(claimable, r)
		}
	}
	var done []*Claim
	for len(claimable) > 0 {
		n := min(len(claimable), claimsPerTransaction)
		claims, err := c.claim(ctx, owner, claimable[:n])
		done = append(done, claims...)
		if err != nil {
			return done, err
		}
		claimable = claimable[n:]
	}
	return done, nil
}

// claim sends one transaction claiming every receipt (device key and epoch) and reads the paid
// amounts from its events.
func (c *Client) claim(ctx context.Context, owner solana.PrivateKey, receipts []*gen.HeartbeatReceipt) ([]*Claim, error) {
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
	for _, r := range receipts {
		ix, err := c.ClaimSupplierRewardInstruction(owner.PublicKey(), r.DeviceKey, ownerToken, r.Epoch)
		if r.Shared != 0 { // a device with a co-staking offer: credited to the offer
			ix, err = c.ClaimSharedSupplierRewardInstruction(owner.PublicKey(), r.DeviceKey, st.IoMint, r.Epoch)
		}
		if err != nil {
			return nil, fmt.Errorf("claim supplier reward of %s for epoch %d: %w", r.DeviceKey, r.Epoch, err)
		}
		ixs = append(ixs, ix)
	}
	what := fmt.Sprintf("claim supplier reward of %s for epoch %d", receipts[0].DeviceKey, receipts[0].Epoch)
	if len(receipts) > 1 {
		what = fmt.Sprintf("claim supplier rewards of %d epochs", len(receipts))
	}
	res, err := c.Send(ctx, owner, ixs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
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
	if len(claims) != len(receipts) {
		return nil, fmt.Errorf("%s: transaction %s logged %d SupplierRewardClaimed events, want %d", what, res.Signature, len(claims), len(receipts))
	}
	return claims, nil
}

// ReceiptFilter selects heartbeat receipts; zero fields match everything.
type ReceiptFilter struct {
	Owner     solana.PublicKey
	DeviceKey solana.PublicKey
}

// Receipts lists the unclaimed heartbeat receipts matching f, by device then epoch.
func (c *Client) Receipts(ctx context.Context, f ReceiptFilter) ([]*gen.HeartbeatReceipt, error) {
	filters := []rpc.RPCFilter{
		{DataSize: receiptSize},
		{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: gen.Account_HeartbeatReceipt[:]}},
	}
	if !f.Owner.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: receiptOwnerOffset, Bytes: f.Owner[:]}})
	}
	if !f.DeviceKey.IsZero() {
		filters = append(filters, rpc.RPCFilter{Memcmp: &rpc.RPCFilterMemcmp{Offset: receiptDeviceOffset, Bytes: f.DeviceKey[:]}})
	}
	res, err := c.sx.RPC.GetProgramAccountsWithOpts(ctx, c.ProgramID, &rpc.GetProgramAccountsOpts{
		Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64, Filters: filters,
	})
	if err != nil {
		return nil, fmt.Errorf("list heartbeat receipts: %w", solanax.WrapRPCError("getProgramAccounts", err))
	}
	receipts := make([]*gen.HeartbeatReceipt, 0, len(res))
	for _, a := range res {
		r, err := gen.ParseAccount_HeartbeatReceipt(a.Account.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("list heartbeat receipts: decode %s: %w", a.Pubkey, err)
		}
		receipts = append(receipts, r)
	}
	sort.Slice(receipts, func(i, k int) bool {
		if receipts[i].DeviceKey != receipts[k].DeviceKey {
			return receipts[i].DeviceKey.String() < receipts[k].DeviceKey.String()
		}
		return receipts[i].Epoch < receipts[k].Epoch
	})
	return receipts, nil
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
