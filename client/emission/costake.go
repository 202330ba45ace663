package emission

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// ClaimSharedSupplierRewardInstruction credits deviceKey's supplier reward of one claimable
// epoch (the first in ring-slot order) recorded while the device had a co-staking offer to the device's offer in the
// staking program (one epoch per instruction: the staking program credits one epoch at a time);
// owner is the device owner. Anyone may send it.
func (c *Client) ClaimSharedSupplierRewardInstruction(owner, deviceKey, ioMint solana.PublicKey) (solana.Instruction, error) {
	liveness, err := DeviceLivenessAddress(c.ProgramID, deviceKey)
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
	ix, err := gen.NewClaimSharedSupplierRewardInstruction(owner, a.State, a.LivenessPool, liveness, a.SupplierVault, s.ProgramID, s.Addresses.Config,
		params, device, offer, vault, ioMint, solana.TokenProgramID)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// ClaimSharedSupplierReward sends ClaimSharedSupplierRewardInstruction for deviceKey, payer
// paying the fee: it credits one claimable shared epoch and returns what it paid.
func (c *Client) ClaimSharedSupplierReward(ctx context.Context, payer solana.PrivateKey, deviceKey solana.PublicKey) (*Claim, error) {
	what := fmt.Sprintf("claim shared supplier reward of %s", deviceKey)
	l, err := c.FetchDeviceLiveness(ctx, deviceKey)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.ClaimSharedSupplierRewardInstruction(l.Owner, deviceKey, st.IoMint)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	res, err := c.Send(ctx, payer, []solana.Instruction{ix})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	claims, err := c.claimsOf(ctx, what, res)
	if err != nil {
		return nil, err
	}
	return claims[0], nil
}
