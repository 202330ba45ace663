package emission

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// Instruction builders: gen's builders with the PDAs and fixed programs filled in, each put at
// c.ProgramID by anchor.At (gen's builders name the IDL's address).

// InitializeInstruction sets the schedule up from startTs for ioMint and creates the liveness
// pool; mintAuthority (the mint's current authority) signs and hands its authority to the state
// PDA; payer, who must be the program's upgrade authority, pays the rent.
func (c *Client) InitializeInstruction(payer, mintAuthority, ioMint solana.PublicKey, startTs int64, settings gen.Settings) (solana.Instruction, error) {
	a := c.Addresses
	programData, err := anchor.ProgramDataAddress(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewInitializeInstruction(startTs, settings, payer, mintAuthority, a.State, ioMint, a.StakerVault, a.SupplierVault,
		a.LivenessPool, c.Staking.ProgramID, c.Staking.Addresses.Config, programData, solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("emission", c.ProgramID, ix, err)
}

func (c *Client) UpdateParamsInstruction(authority solana.PublicKey, settings gen.Settings) (solana.Instruction, error) {
	ix, err := gen.NewUpdateParamsInstruction(settings, authority, c.Addresses.State)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// CheckParamsInstruction asks whether update_params(settings), signed by authority, would be
// accepted and leave authority the authority (return data).
func (c *Client) CheckParamsInstruction(authority solana.PublicKey, settings gen.Settings) (solana.Instruction, error) {
	ix, err := gen.NewCheckParamsInstruction(settings, c.Addresses.State, authority)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// CrankInstruction mints up to maxEpochs ended epochs (0: the program's maximum); the tip goes to
// tipAccount (an IO token account).
func (c *Client) CrankInstruction(cranker, ioMint, tipAccount solana.PublicKey, maxEpochs uint64) (solana.Instruction, error) {
	a, s := c.Addresses, c.Staking.Addresses
	ix, err := gen.NewCrankInstruction(maxEpochs, cranker, a.State, ioMint, a.StakerVault, a.SupplierVault, tipAccount,
		c.Staking.ProgramID, s.Config, s.RewardVault, solana.TokenProgramID)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// BurnInstruction burns amount from source (an IO token account of treasuryAuthority) as burn
// record index (the state's burn_count); payer pays the record's rent.
func (c *Client) BurnInstruction(treasuryAuthority, payer, source, ioMint solana.PublicKey, index, amount uint64, reason string) (solana.Instruction, error) {
	record, err := BurnRecordAddress(c.ProgramID, index)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewBurnInstruction(amount, reason, treasuryAuthority, payer, c.Addresses.State, record, source, ioMint, solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// HeartbeatInstruction records deviceKey (the signer) as live in epoch, which must be the chain's
// current epoch, in the device's liveness account (OpenLivenessInstruction creates it, once).
// It names no capacity program: for a chain that links one, use HeartbeatInstructionWith.
func (c *Client) HeartbeatInstruction(deviceKey solana.PublicKey, epoch uint64) (solana.Instruction, error) {
	return c.HeartbeatInstructionWith(deviceKey, epoch, solana.PublicKey{})
}

// deviceAccounts are deviceKey's liveness account and its staking Device.
func (c *Client) deviceAccounts(deviceKey solana.PublicKey) (liveness, device solana.PublicKey, err error) {
	if liveness, err = DeviceLivenessAddress(c.ProgramID, deviceKey); err != nil {
		return liveness, device, err
	}
	device, err = staking.DeviceAddress(c.Staking.ProgramID, deviceKey)
	return liveness, device, err
}

// OpenLivenessInstruction creates deviceKey's liveness account (deviceKey signs; payer pays its
// rent, once per device). It changes nothing when the account exists.
func (c *Client) OpenLivenessInstruction(deviceKey, payer solana.PublicKey) (solana.Instruction, error) {
	liveness, device, err := c.deviceAccounts(deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewOpenLivenessInstruction(deviceKey, payer, c.Addresses.State, liveness, device, solana.SystemProgramID)
	if err != nil {
		return anchor.At("emission", c.ProgramID, ix, err)
	}
	// anchor-go v1.0.0 leaves the discriminator out of an instruction without arguments.
	return solana.NewInstruction(c.ProgramID, ix.Accounts(), gen.Instruction_OpenLiveness[:]), nil
}

// HeartbeatInstructionWith is HeartbeatInstruction passing capacityProgram's config and
// deviceKey's capacity record (FetchCapacityProgram says which program is linked; zero: none).
func (c *Client) HeartbeatInstructionWith(deviceKey solana.PublicKey, epoch uint64, capacityProgram solana.PublicKey) (solana.Instruction, error) {
	capConfig, capRecord := solana.SystemProgramID, solana.SystemProgramID
	if !capacityProgram.IsZero() {
		var err error
		if capConfig, err = capacity.ConfigAddress(capacityProgram); err != nil {
			return nil, err
		}
		if capRecord, err = capacity.RecordAddress(capacityProgram, deviceKey); err != nil {
			return nil, err
		}
	}
	liveness, device, err := c.deviceAccounts(deviceKey)
	if err != nil {
		return nil, err
	}
	a := c.Addresses
	ix, err := gen.NewHeartbeatInstruction(epoch, deviceKey, a.State, a.LivenessPool, liveness, c.Staking.Addresses.Config, device,
		a.CapacityLink, capConfig, capRecord)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// SetCapacityProgramInstruction links program (zero: none) as the capacity program heartbeats
// ask; authority (the emission authority) signs and pays the link's rent the first time.
func (c *Client) SetCapacityProgramInstruction(authority, program solana.PublicKey) (solana.Instruction, error) {
	ix, err := gen.NewSetCapacityProgramInstruction(program, authority, c.Addresses.State, c.Addresses.CapacityLink, solana.SystemProgramID)
	return anchor.At("emission", c.ProgramID, ix, err)
}

// ClaimSupplierRewardInstruction pays owner the shares of every claimable epoch of deviceKey's
// heartbeats (minted, still in the rings, recorded without a co-staking offer) into ownerToken
// (an IO token account), clearing their entries.
func (c *Client) ClaimSupplierRewardInstruction(owner, deviceKey, ownerToken solana.PublicKey) (solana.Instruction, error) {
	liveness, err := DeviceLivenessAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	a := c.Addresses
	ix, err := gen.NewClaimSupplierRewardInstruction(owner, a.State, a.LivenessPool, liveness, a.SupplierVault, ownerToken, solana.TokenProgramID)
	if err != nil {
		return anchor.At("emission", c.ProgramID, ix, err)
	}
	// anchor-go v1.0.0 leaves the discriminator out of an instruction without arguments.
	return solana.NewInstruction(c.ProgramID, ix.Accounts(), gen.Instruction_ClaimSupplierReward[:]), nil
}
