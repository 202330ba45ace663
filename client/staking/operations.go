package staking

import (
	"context"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// High-level operations: build, send and confirm one transaction each. Token accounts are the
// signers' associated IO accounts.

// Initialize sets the program up for ioMint with authority as the authority; upgradeAuthority,
// the program's upgrade authority (no one else may), signs and pays.
func (c *Client) Initialize(ctx context.Context, upgradeAuthority solana.PrivateKey, authority, ioMint solana.PublicKey, params gen.Params) (*solanax.Result, error) {
	ix, err := c.InitializeInstruction(upgradeAuthority.PublicKey(), authority, ioMint, params)
	return c.sendOne(ctx, "initialize staking", upgradeAuthority, ix, err)
}

// UpdateParams replaces every parameter (authority only).
func (c *Client) UpdateParams(ctx context.Context, authority solana.PrivateKey, params gen.Params) (*solanax.Result, error) {
	ix, err := c.UpdateParamsInstruction(authority.PublicKey(), params)
	return c.sendOne(ctx, "update staking params", authority, ix, err)
}

// SetAuthority hands the authority to newAuthority (a key or a program PDA).
func (c *Client) SetAuthority(ctx context.Context, authority solana.PrivateKey, newAuthority solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.SetAuthorityInstruction(authority.PublicKey(), newAuthority)
	return c.sendOne(ctx, "set staking authority", authority, ix, err)
}

// Stake stakes amount base units of IO, opening owner's position first when it has none.
func (c *Client) Stake(ctx context.Context, owner solana.PrivateKey, amount uint64) (*solanax.Result, error) {
	ixs, err := c.StakeInstructions(ctx, owner.PublicKey(), amount)
	if err != nil {
		return nil, fmt.Errorf("stake: %w", err)
	}
	res, err := c.Send(ctx, owner, ixs)
	if err != nil {
		return nil, fmt.Errorf("stake %s IO: %w", solanax.FormatAmount(amount, solanax.IODecimals), err)
	}
	return res, nil
}

// StakeInstructions are what Stake sends: open_position first when owner has none, then stake
// from owner's IO account.
func (c *Client) StakeInstructions(ctx context.Context, owner solana.PublicKey, amount uint64) ([]solana.Instruction, error) {
	token, err := c.IOAccount(ctx, owner)
	if err != nil {
		return nil, err
	}
	var ixs []solana.Instruction
	if _, err := c.FetchPosition(ctx, owner); errors.Is(err, ErrNotFound) {
		open, err := c.OpenPositionInstruction(owner)
		if err != nil {
			return nil, err
		}
		ixs = append(ixs, open)
	} else if err != nil {
		return nil, err
	}
	stake, err := c.StakeInstruction(owner, token, amount)
	if err != nil {
		return nil, err
	}
	return append(ixs, stake), nil
}

// Unstake moves amount of active stake into a cooldown.
func (c *Client) Unstake(ctx context.Context, owner solana.PrivateKey, amount uint64) (*solanax.Result, error) {
	ix, err := c.UnstakeInstruction(owner.PublicKey(), amount)
	return c.sendOne(ctx, "unstake", owner, ix, err)
}

// Withdraw pays out every ended cooldown.
func (c *Client) Withdraw(ctx context.Context, owner solana.PrivateKey) (*solanax.Result, error) {
	token, err := c.IOAccount(ctx, owner.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("withdraw: %w", err)
	}
	ix, err := c.WithdrawInstruction(owner.PublicKey(), token)
	return c.sendOne(ctx, "withdraw", owner, ix, err)
}

// Claim pays owner's rewards.
func (c *Client) Claim(ctx context.Context, owner solana.PrivateKey) (*solanax.Result, error) {
	token, err := c.IOAccount(ctx, owner.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	ix, err := c.ClaimInstruction(owner.PublicKey(), token)
	return c.sendOne(ctx, "claim rewards", owner, ix, err)
}

// FundRewards donates amount from funder's IO account to the stakers: shared at once over all
// active stake (refused with NoStakeToReward while nothing is staked).
func (c *Client) FundRewards(ctx context.Context, funder solana.PrivateKey, amount uint64) (*solanax.Result, error) {
	return c.fund(ctx, "fund rewards", funder, amount, 0)
}

// FundEpochs pays amount as the staker share of emission epochs ending by epochsEndTs (unix
// seconds). Only the IO mint authority may (the emission crank does, after set-up); it is
// shared over the earning stake, and amount may be 0 to record the funded time only.
func (c *Client) FundEpochs(ctx context.Context, mintAuthority solana.PrivateKey, amount uint64, epochsEndTs int64) (*solanax.Result, error) {
	return c.fund(ctx, "fund epoch rewards", mintAuthority, amount, epochsEndTs)
}

func (c *Client) fund(ctx context.Context, what string, funder solana.PrivateKey, amount uint64, epochsEndTs int64) (*solanax.Result, error) {
	token, err := c.IOAccount(ctx, funder.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	mint, err := c.IOMint(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	ix, err := c.FundRewardsInstruction(funder.PublicKey(), token, mint, amount, epochsEndTs)
	return c.sendOne(ctx, what, funder, ix, err)
}

// ActivateStake lets owner's warming stake start earning epoch rewards; payer signs and pays.
// NothingToActivate until the epochs funded reach the time it was staked.
func (c *Client) ActivateStake(ctx context.Context, payer solana.PrivateKey, owner solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.ActivateStakeInstruction(owner)
	return c.sendOne(ctx, "activate stake", payer, ix, err)
}

// RegisterDevice registers device (its key signs) to owner with a GPU class index and count.
func (c *Client) RegisterDevice(ctx context.Context, owner, device solana.PrivateKey, gpuClass uint8, gpuCount uint64) (*solanax.Result, error) {
	ix, err := c.RegisterDeviceInstruction(owner.PublicKey(), device.PublicKey(), gpuClass, gpuCount)
	return c.sendOne(ctx, "register device", owner, ix, err, device)
}

// StakeDevice adds amount to the device's stake from owner's IO account.
func (c *Client) StakeDevice(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey, amount uint64) (*solanax.Result, error) {
	token, err := c.IOAccount(ctx, owner.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("stake device: %w", err)
	}
	ix, err := c.StakeDeviceInstruction(owner.PublicKey(), deviceKey, token, amount)
	return c.sendOne(ctx, "stake device", owner, ix, err)
}

// UnstakeDevice moves amount of device stake into a cooldown.
func (c *Client) UnstakeDevice(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey, amount uint64) (*solanax.Result, error) {
	ix, err := c.UnstakeDeviceInstruction(owner.PublicKey(), deviceKey, amount)
	if err == nil {
		// A device with a co-staking offer: unstake_device takes the offer too.
		var d *gen.Device
		if d, err = c.FetchDevice(ctx, deviceKey); err == nil && d.Offer != 0 {
			ix, err = c.withOffer(ix, deviceKey)
		}
	}
	return c.sendOne(ctx, "unstake device", owner, ix, err)
}

// WithdrawDevice pays out the device's ended cooldowns.
func (c *Client) WithdrawDevice(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	token, err := c.IOAccount(ctx, owner.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("withdraw device stake: %w", err)
	}
	ix, err := c.WithdrawDeviceInstruction(owner.PublicKey(), deviceKey, token)
	return c.sendOne(ctx, "withdraw device stake", owner, ix, err)
}

// Slash takes amount from the device's stake: the burn share is burned through the emission
// program's burn ledger, the rest paid to the beneficiary token account. slasher must be the
// configured slasher (the jobs program's PDA in production; never the authority).
func (c *Client) Slash(ctx context.Context, slasher solana.PrivateKey, deviceKey, beneficiary solana.PublicKey, amount uint64) (*solanax.Result, error) {
	mint, err := c.IOMint(ctx)
	if err != nil {
		return nil, fmt.Errorf("slash: %w", err)
	}
	ledger, err := c.FetchBurnLedger(ctx)
	if err != nil {
		return nil, fmt.Errorf("slash: %w", err)
	}
	ix, err := c.SlashInstruction(slasher.PublicKey(), deviceKey, mint, beneficiary, amount, ledger)
	if err == nil {
		// A device with a co-staking offer: slash takes the offer too.
		var d *gen.Device
		if d, err = c.FetchDevice(ctx, deviceKey); err == nil && d.Offer != 0 {
			ix, err = c.withOffer(ix, deviceKey)
		}
	}
	return c.sendOne(ctx, "slash device", slasher, ix, err)
}
