package emission

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
)

// EpochReward is one epoch of a device's liveness rewards.
type EpochReward struct {
	Epoch uint64 `json:"epoch"`
	// Live: the device recorded a heartbeat in the epoch.
	Live bool `json:"live"`
	// Status says why the device is live or not and where its reward stands.
	Status         string `json:"status"`
	Weight         uint64 `json:"weight"`
	TotalWeight    uint64 `json:"totalWeight"`
	SupplierAmount uint64 `json:"supplierAmount"`
	// Share is what the claim pays (claimable) or paid (claimed).
	Share     uint64 `json:"share"`
	Claimable bool   `json:"claimable"`
	Claimed   bool   `json:"claimed"`
}

// DeviceRewards is a device's liveness over the ring's epochs up to the current one.
type DeviceRewards struct {
	DeviceKey       solana.PublicKey    `json:"device"`
	Owner           solana.PublicKey    `json:"owner"`
	Eligibility     staking.Eligibility `json:"eligibility"`
	CurrentEpoch    uint64              `json:"currentEpoch"`
	LastMintedEpoch uint64              `json:"lastMintedEpoch"`
	Claimable       uint64              `json:"claimable"`
	// Claimed is what the listed epochs paid; RegisteredEpoch the epoch the device was
	// registered in (no epoch before it is listed).
	Claimed         uint64        `json:"claimed"`
	RegisteredEpoch uint64        `json:"registeredEpoch"`
	Epochs          []EpochReward `json:"epochs"`
}

// Rewards reports deviceKey's last SupplierRing epochs up to the current one, from its liveness
// account's ring: unclaimed entries are live (claimable once minted); a claimed entry's amount is
// read from the SupplierRewardClaimed event of the claim transaction (the liveness address's
// recent transactions).
func (c *Client) Rewards(ctx context.Context, deviceKey solana.PublicKey) (*DeviceRewards, error) {
	device, err := c.Staking.FetchDevice(ctx, deviceKey)
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	cfg, err := c.Staking.FetchConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	current, err := c.CurrentEpoch(ctx)
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	pool, err := c.FetchLivenessPool(ctx)
	if isNotFound(err) {
		pool, err = &gen.LivenessPool{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	l, err := c.FetchDeviceLiveness(ctx, deviceKey)
	if isNotFound(err) {
		l, err = &gen.DeviceLiveness{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	out := &DeviceRewards{
		DeviceKey: deviceKey, Owner: device.Owner, Eligibility: staking.DeviceEligibility(cfg, device),
		CurrentEpoch: current, LastMintedEpoch: st.LastMintedEpoch,
	}
	first := uint64(1)
	if current > SupplierRing {
		first = current - SupplierRing + 1
	}
	out.RegisteredEpoch, _ = schedule.EpochAt(st.StartTs, device.RegisteredTs)
	first = max(first, out.RegisteredEpoch)
	claimed := map[uint64]*EpochReward{}
	for epoch := first; epoch <= current; epoch++ {
		out.Epochs = append(out.Epochs, EpochReward{Epoch: epoch})
	}
	for i := range out.Epochs {
		e := &out.Epochs[i]
		entry, ok := Entry(l, e.Epoch)
		switch {
		case ok && !entry.Claimed:
			e.Live, e.Weight = true, entry.Weight
			e.TotalWeight, _ = TotalWeight(pool, e.Epoch)
			describeOpen(e, st, current)
			if e.Claimable {
				out.Claimable += e.Share
			}
		case ok:
			e.Live, e.Claimed, e.Status = true, true, "live; claimed"
			claimed[e.Epoch] = e
		case e.Epoch == current:
			e.Status = "not live yet: no heartbeat in this epoch so far"
		default:
			e.Status = "not live: no heartbeat recorded"
		}
	}
	if err := c.claimedShares(ctx, deviceKey, claimed); err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	for _, e := range out.Epochs {
		if e.Claimed {
			out.Claimed += e.Share
		}
	}
	return out, nil
}

// describeOpen fills e for an unclaimed heartbeat.
func describeOpen(e *EpochReward, st *gen.EmissionState, current uint64) {
	amount, minted := SupplierAmount(st, e.Epoch)
	switch {
	case e.Epoch == current:
		e.Status = "live; the epoch is in progress"
	case e.Epoch > st.LastMintedEpoch:
		e.Status = "live; waiting for the crank to mint the epoch"
	case !minted:
		e.Status = "live; older than the last 72 minted epochs: no longer claimable"
	default:
		e.SupplierAmount, e.Share, e.Claimable = amount, Share(amount, e.Weight, e.TotalWeight), true
		e.Status = "live; claimable"
	}
}

// claimedHistory bounds the liveness address's transactions read for claimed epochs: a
// heartbeat per epoch and the claims of the ring's epochs.
const claimedHistory = 4 * SupplierRing

// claimedShares fills the weight, total and share of each claimed epoch in want from the
// SupplierRewardClaimed events of the transactions of deviceKey's liveness address, newest
// first, until every epoch is found.
func (c *Client) claimedShares(ctx context.Context, deviceKey solana.PublicKey, want map[uint64]*EpochReward) error {
	if len(want) == 0 {
		return nil
	}
	addr, err := DeviceLivenessAddress(c.ProgramID, deviceKey)
	if err != nil {
		return err
	}
	limit := claimedHistory
	sigs, err := c.sx.RPC.GetSignaturesForAddressWithOpts(ctx, addr, &rpc.GetSignaturesForAddressOpts{Limit: &limit, Commitment: rpc.CommitmentConfirmed})
	if err != nil {
		return solanax.WrapRPCError("getSignaturesForAddress", err)
	}
	for _, sig := range sigs {
		if len(want) == 0 {
			return nil
		}
		if sig.Err != nil {
			continue
		}
		details, err := c.sx.TransactionDetails(ctx, sig.Signature)
		if err != nil {
			return err
		}
		for _, ev := range Events(details.Logs, c.ProgramID) {
			claim, ok := ev.(*gen.SupplierRewardClaimed)
			if !ok || claim.DeviceKey != deviceKey {
				continue
			}
			if e := want[claim.Epoch]; e != nil {
				e.Weight, e.TotalWeight, e.Share = claim.Weight, claim.TotalWeight, claim.Amount
				delete(want, claim.Epoch)
			}
		}
	}
	return nil
}
