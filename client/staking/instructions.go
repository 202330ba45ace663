package staking

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Instruction builders: gen's builders with the PDAs and fixed programs filled in, each put at
// c.ProgramID by anchor.At (gen's builders name the IDL's address).

// InitializeInstruction creates the config and vaults with authority as the authority; payer, who
// must be the program's upgrade authority, signs and pays.
func (c *Client) InitializeInstruction(payer, authority, ioMint solana.PublicKey, params gen.Params) (solana.Instruction, error) {
	a := c.Addresses
	programData, err := anchor.ProgramDataAddress(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewInitializeInstruction(params, payer, authority, a.Config, ioMint, a.StakeVault, a.RewardVault, programData, solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) UpdateParamsInstruction(authority solana.PublicKey, params gen.Params) (solana.Instruction, error) {
	ix, err := gen.NewUpdateParamsInstruction(params, authority, c.Addresses.Config)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// CheckParamsInstruction asks whether update_params(params) would be accepted (return data).
func (c *Client) CheckParamsInstruction(params gen.Params) (solana.Instruction, error) {
	ix, err := gen.NewCheckParamsInstruction(params, c.Addresses.Config)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) SetAuthorityInstruction(authority, newAuthority solana.PublicKey) (solana.Instruction, error) {
	ix, err := gen.NewSetAuthorityInstruction(newAuthority, authority, c.Addresses.Config)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) OpenPositionInstruction(owner solana.PublicKey) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewOpenPositionInstruction(owner, position, solana.SystemProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// StakeInstruction stakes amount from ownerToken (an IO token account of owner).
func (c *Client) StakeInstruction(owner, ownerToken solana.PublicKey, amount uint64) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewStakeInstruction(amount, owner, c.Addresses.Config, position, ownerToken, c.Addresses.StakeVault, solana.TokenProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) UnstakeInstruction(owner solana.PublicKey, amount uint64) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewUnstakeInstruction(amount, owner, c.Addresses.Config, position)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) WithdrawInstruction(owner, ownerToken solana.PublicKey) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewWithdrawInstruction(owner, c.Addresses.Config, position, ownerToken, c.Addresses.StakeVault, solana.TokenProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) ClaimInstruction(owner, ownerToken solana.PublicKey) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewClaimInstruction(owner, c.Addresses.Config, position, ownerToken, c.Addresses.RewardVault, solana.TokenProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// FundRewardsInstruction funds amount from funderToken: a donation shared over all active stake
// when epochsEndTs is 0, else (signed by the IO mint authority only) the staker share of the
// emission epochs ending by epochsEndTs, shared over the earning stake.
func (c *Client) FundRewardsInstruction(funder, funderToken, ioMint solana.PublicKey, amount uint64, epochsEndTs int64) (solana.Instruction, error) {
	ix, err := gen.NewFundRewardsInstruction(amount, epochsEndTs, funder, c.Addresses.Config, funderToken, c.Addresses.RewardVault, solana.TokenProgramID, ioMint)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// ActivateStakeInstruction lets owner's warming stake start earning epoch rewards (anyone may
// send it, once the epochs funded reach the time it was staked).
func (c *Client) ActivateStakeInstruction(owner solana.PublicKey) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewActivateStakeInstruction(c.Addresses.Config, position)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) RegisterDeviceInstruction(owner, deviceKey solana.PublicKey, gpuClass uint8, gpuCount uint64) (solana.Instruction, error) {
	device, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewRegisterDeviceInstruction(gpuClass, gpuCount, owner, deviceKey, c.Addresses.Config, device, solana.SystemProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) StakeDeviceInstruction(owner, deviceKey, ownerToken solana.PublicKey, amount uint64) (solana.Instruction, error) {
	device, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewStakeDeviceInstruction(amount, owner, c.Addresses.Config, device, ownerToken, c.Addresses.StakeVault, solana.TokenProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) UnstakeDeviceInstruction(owner, deviceKey solana.PublicKey, amount uint64) (solana.Instruction, error) {
	device, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewUnstakeDeviceInstruction(amount, owner, c.Addresses.Config, device)
	return anchor.At("staking", c.ProgramID, ix, err)
}

func (c *Client) WithdrawDeviceInstruction(owner, deviceKey, ownerToken solana.PublicKey) (solana.Instruction, error) {
	device, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewWithdrawDeviceInstruction(owner, c.Addresses.Config, device, ownerToken, c.Addresses.StakeVault, solana.TokenProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// SlashInstruction slashes amount from deviceKey's device; beneficiary is an IO token account;
// the burned share goes through ledger (FetchBurnLedger).
func (c *Client) SlashInstruction(slasher, deviceKey, ioMint, beneficiary solana.PublicKey, amount uint64, ledger BurnLedger) (solana.Instruction, error) {
	device, err := DeviceAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewSlashInstruction(amount, slasher, c.Addresses.Config, device, c.Addresses.StakeVault, ioMint, beneficiary, solana.TokenProgramID,
		ledger.Program, ledger.State)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// LockPositionInstruction locks owner's position against unstake and withdraw until until (unix
// seconds); locker must be the staking authority (the governance PDA, which sends it by CPI at
// each vote).
func (c *Client) LockPositionInstruction(locker, owner solana.PublicKey, until int64) (solana.Instruction, error) {
	position, err := PositionAddress(c.ProgramID, owner)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewLockPositionInstruction(until, locker, c.Addresses.Config, position)
	return anchor.At("staking", c.ProgramID, ix, err)
}
