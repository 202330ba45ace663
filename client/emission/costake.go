package emission

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// ClaimSharedSupplierRewardInstruction credits deviceKey's supplier reward for epoch (a
// heartbeat recorded while the device had a co-staking offer) to the device's offer in the
// staking program; owner is the owner recorded in the receipt (it gets the receipt's rent).
// Anyone may send it.
func (c *Client) ClaimSharedSupplierRewardInstruction(owner, deviceKey, ioMint solana.PublicKey, epoch uint64) (solana.Instruction, error) {
	receipt, err := HeartbeatReceiptAddress(c.ProgramID, deviceKey, epoch)
	if err != nil {
		return nil, err
	}
	s := c.Staking
	device, err := staking.DeviceAddress(s.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	offer, err := staking.OfferAddress(s.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	params, vault, err := staking.CostakeAddresses(s.ProgramID)
	if err != nil {
		return nil, err
	}
	a := c.Addresses
	ix, err := gen.NewClaimSharedSupplierRewardInstruction(owner, a.State, a.LivenessPool, receipt, a.SupplierVault, s.ProgramID, s.Addresses.Config,
		params, device, offer, vault, ioMint, solana.TokenProgramID)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// ClaimSharedSupplierReward sends ClaimSharedSupplierRewardInstruction for deviceKey's receipt of
// epoch, payer paying the fee.
func (c *Client) ClaimSharedSupplierReward(ctx context.Context, payer solana.PrivateKey, deviceKey solana.PublicKey, epoch uint64) (*Claim, error) {
	receipt, err := c.FetchReceipt(ctx, deviceKey, epoch)
	if err != nil {
		return nil, fmt.Errorf("claim shared supplier reward of %s for epoch %d: %w", deviceKey, epoch, err)
	}
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("claim shared supplier reward: %w", err)
	}
	ix, err := c.ClaimSharedSupplierRewardInstruction(receipt.Owner, deviceKey, st.IoMint, epoch)
	if err != nil {
		return nil, fmt.Errorf("claim shared supplier reward of %s for epoch %d: %w", deviceKey, epoch, err)
	}
	what := fmt.Sprintf("claim shared supplier reward of %s for epoch %d", deviceKey, epoch)
	res, err := c.Send(ctx, payer, []solana.Instruction{ix})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	details, err := res.Details(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: read the transaction: %w", what, err)
	}
	for _, ev := range Events(details.Logs, c.ProgramID) {
		if e, ok := ev.(*gen.SupplierRewardClaimed); ok {
			return &Claim{DeviceKey: e.DeviceKey, Epoch: e.Epoch, Amount: e.Amount, Signature: res.Signature}, nil
		}
	}
	return nil, fmt.Errorf("%s: transaction %s logged no SupplierRewardClaimed event", what, res.Signature)
}
