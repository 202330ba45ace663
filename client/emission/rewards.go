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

// Rewards reports deviceKey's last SupplierRing epochs up to the current one: receipts still
// open are live (claimable once minted); a receipt address with transactions but no account was
// claimed, and the claim transaction's event gives what it paid.
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
	receipts, err := c.Receipts(ctx, ReceiptFilter{DeviceKey: deviceKey})
	if err != nil {
		return nil, fmt.Errorf("device rewards: %w", err)
	}
	open := make(map[uint64]*gen.HeartbeatReceipt, len(receipts))
	for _, r := range receipts {
		open[r.Epoch] = r
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
	for epoch := first; epoch <= current; epoch++ {
		e := EpochReward{Epoch: epoch}
		if r, ok := open[epoch]; ok {
			e.Live, e.Weight = true, r.Weight
			e.TotalWeight, _ = TotalWeight(pool, epoch)
			c.describeOpen(&e, st, current)
			if e.Claimable {
				out.Claimable += e.Share
			}
		} else if err := c.describeClosed(ctx, &e, deviceKey, current); err != nil {
			return nil, fmt.Errorf("device rewards, epoch %d: %w", epoch, err)
		}
		if e.Claimed {
			out.Claimed += e.Share
		}
		out.Epochs = append(out.Epochs, e)
	}
	return out, nil
}

// describeOpen fills e for an unclaimed receipt.
func (c *Client) describeOpen(e *EpochReward, st *gen.EmissionState, current uint64) {
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

// describeClosed fills e for an epoch without a receipt: claimed if its receipt address has a
// transaction history (a heartbeat, then the claim), else no heartbeat was recorded.
func (c *Client) describeClosed(ctx context.Context, e *EpochReward, deviceKey solana.PublicKey, current uint64) error {
	addr, err := HeartbeatReceiptAddress(c.ProgramID, deviceKey, e.Epoch)
	if err != nil {
		return err
	}
	limit := 1
	sigs, err := c.sx.RPC.GetSignaturesForAddressWithOpts(ctx, addr, &rpc.GetSignaturesForAddressOpts{Limit: &limit, Commitment: rpc.CommitmentConfirmed})
	if err != nil {
		return solanax.WrapRPCError("getSignaturesForAddress", err)
	}
	if len(sigs) == 0 {
		e.Status = "not live: no heartbeat recorded"
		if e.Epoch == current {
			e.Status = "not live yet: no heartbeat in this epoch so far"
		}
		return nil
	}
	details, err := c.sx.TransactionDetails(ctx, sigs[0].Signature)
	if err != nil {
		return err
	}
	for _, ev := range Events(details.Logs, c.ProgramID) {
		if claim, ok := ev.(*gen.SupplierRewardClaimed); ok && claim.DeviceKey == deviceKey && claim.Epoch == e.Epoch {
			e.Live, e.Claimed, e.Status = true, true, "live; claimed"
			e.Weight, e.TotalWeight, e.Share = claim.Weight, claim.TotalWeight, claim.Amount
			return nil
		}
	}
	e.Status = "not live: no heartbeat recorded (its receipt address has unrelated transactions)"
	return nil
}
