package staking

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Co-staking: a device owner's offer, co-stakers' positions on the device, and the rewards the
// device's supplier claims credit to them (programs/staking/src/costake.rs).

// Co-staking PDA seeds, as programs/staking-state/src/costake.rs declares them.
var (
	seedCostakeParams = []byte("costake_params")
	seedCostakeVault  = []byte("costake_vault")
)

// How a job ended, as the jobs program reports it in release_device_stake
// (staking_state::OUTCOME_*): counted in a device offer's reliability record.
const (
	OutcomeCompleted uint8 = 1
	OutcomeFailed    uint8 = 2
	OutcomeExpired   uint8 = 3
	OutcomeFraud     uint8 = 4
)

// Default co-staking parameters: the owner keeps at least 10% of the device's stake, a
// commission raise waits 7 days, and no commission exceeds 50%.
const (
	DefaultMinOwnerFloorBps = 1_000
	DefaultNoticeSeconds    = 7 * 24 * 3600
	DefaultMaxCommissionBps = 5_000
)

// OfferAddress is the co-staking offer of deviceKey: the seeded address of KeySeed("offer",
// deviceKey) under the config PDA.
func OfferAddress(programID, deviceKey solana.PublicKey) (solana.PublicKey, error) {
	config, err := anchor.PDA(programID, seedConfig)
	if err != nil {
		return solana.PublicKey{}, err
	}
	return anchor.SeededAddress(programID, config, KeySeed(tagOffer, deviceKey))
}

// CostakePositionAddress is staker's co-stake position on deviceKey: the seeded address of
// KeySeed("costake", deviceKey) under staker.
func CostakePositionAddress(programID, deviceKey, staker solana.PublicKey) (solana.PublicKey, error) {
	return anchor.SeededAddress(programID, staker, KeySeed(tagCostake, deviceKey))
}

// CostakeAddresses are the co-staking parameters and vault PDAs.
func CostakeAddresses(programID solana.PublicKey) (params, vault solana.PublicKey, err error) {
	pdas, err := anchor.PDAs(programID, seedCostakeParams, seedCostakeVault)
	if err != nil {
		return solana.PublicKey{}, solana.PublicKey{}, err
	}
	return pdas[0], pdas[1], nil
}

// OfferTerms are what an owner offers: commission (basis points of the device's supplier
// rewards the owner keeps), the most co-stake accepted and the owner's minimum own share.
type OfferTerms struct {
	CommissionBps uint64
	MaxCostake    uint64
	MinOwnerBps   uint64
}

// SetCostakeParamsInstruction sets the co-staking parameters (authority only); the first one
// also creates the parameters and the vault, payer paying.
func (c *Client) SetCostakeParamsInstruction(authority, payer, ioMint solana.PublicKey, floorBps uint64, noticeSeconds int64, maxCommissionBps uint64) (solana.Instruction, error) {
	params, vault, err := CostakeAddresses(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewSetCostakeParamsInstruction(floorBps, noticeSeconds, maxCommissionBps, authority, payer, c.Addresses.Config, params, vault, ioMint,
		solana.TokenProgramID, solana.SystemProgramID)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// CostakeSettings are the co-staking parameters governance may change (update_costake_params's
// arguments, in order; the bounds are staking's: floor 500..=10000 bps, notice 1 to 30 days,
// maximum commission at most 5000 bps).
type CostakeSettings struct {
	MinOwnerFloorBps uint64 `json:"minOwnerFloorBps"`
	NoticeSeconds    int64  `json:"noticeSeconds"`
	MaxCommissionBps uint64 `json:"maxCommissionBps"`
}

// UpdateCostakeParamsInstruction changes the co-staking parameters set_costake_params created
// (authority only: the governance PDA after hand-over).
func (c *Client) UpdateCostakeParamsInstruction(authority solana.PublicKey, s CostakeSettings) (solana.Instruction, error) {
	params, _, err := CostakeAddresses(c.ProgramID)
	if err != nil {
		return nil, err
	}
	ix, err := gen.NewUpdateCostakeParamsInstruction(s.MinOwnerFloorBps, s.NoticeSeconds, s.MaxCommissionBps, authority, c.Addresses.Config, params)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// costakeAccounts are the co-staking accounts an instruction on deviceKey names: its device and
// offer, staker's position on it (left zero when staker is zero), the parameters and the vault.
type costakeAccounts struct {
	device, offer, position, params, vault solana.PublicKey
}

// costakeAccountsOf derives deviceKey's co-staking accounts, with staker's position when staker
// is not zero.
func (c *Client) costakeAccountsOf(deviceKey, staker solana.PublicKey) (a costakeAccounts, err error) {
	if a.device, err = DeviceAddress(c.ProgramID, deviceKey); err != nil {
		return a, err
	}
	if a.offer, err = OfferAddress(c.ProgramID, deviceKey); err != nil {
		return a, err
	}
	if !staker.IsZero() {
		if a.position, err = CostakePositionAddress(c.ProgramID, deviceKey, staker); err != nil {
			return a, err
		}
	}
	a.params, a.vault, err = CostakeAddresses(c.ProgramID)
	return a, err
}

// costakeIx builds a staking instruction from deviceKey's co-staking accounts (staker's
// position included when staker is not zero).
func (c *Client) costakeIx(deviceKey, staker solana.PublicKey, build func(a costakeAccounts) (solana.Instruction, error)) (solana.Instruction, error) {
	a, err := c.costakeAccountsOf(deviceKey, staker)
	if err != nil {
		return nil, err
	}
	ix, err := build(a)
	return anchor.At("staking", c.ProgramID, ix, err)
}

// OpenOfferInstruction opens a co-staking offer on deviceKey (its owner signs and pays).
func (c *Client) OpenOfferInstruction(owner, deviceKey solana.PublicKey, t OfferTerms) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, solana.PublicKey{}, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewOpenOfferInstruction(t.CommissionBps, t.MaxCostake, t.MinOwnerBps, owner, c.Addresses.Config, a.device, a.offer, a.params, solana.SystemProgramID)
	})
}

// UpdateOfferInstruction changes deviceKey's offer terms (a commission raise after the notice).
func (c *Client) UpdateOfferInstruction(owner, deviceKey solana.PublicKey, t OfferTerms) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, solana.PublicKey{}, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewUpdateOfferInstruction(t.CommissionBps, t.MaxCostake, t.MinOwnerBps, owner, c.Addresses.Config, a.device, a.offer, a.params)
	})
}

// CloseOfferInstruction closes deviceKey's offer: its co-stake starts cooling down.
func (c *Client) CloseOfferInstruction(owner, deviceKey solana.PublicKey) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, solana.PublicKey{}, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewCloseOfferInstruction(owner, c.Addresses.Config, a.device, a.offer)
	})
}

// CostakeInstruction co-stakes amount from stakerToken on deviceKey.
func (c *Client) CostakeInstruction(staker, deviceKey, stakerToken solana.PublicKey, amount uint64) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, staker, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewCostakeInstruction(amount, staker, c.Addresses.Config, a.device, a.offer, a.position, stakerToken, c.Addresses.StakeVault,
			solana.TokenProgramID, solana.SystemProgramID)
	})
}

// UncostakeInstruction moves amount of staker's co-stake on deviceKey into the cooldown.
func (c *Client) UncostakeInstruction(staker, deviceKey solana.PublicKey, amount uint64) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, staker, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewUncostakeInstruction(amount, staker, c.Addresses.Config, a.device, a.offer, a.position)
	})
}

// WithdrawCostakeInstruction pays staker's ended co-stake cooldowns on deviceKey.
func (c *Client) WithdrawCostakeInstruction(staker, deviceKey, stakerToken solana.PublicKey) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, staker, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewWithdrawCostakeInstruction(staker, c.Addresses.Config, a.offer, a.position, stakerToken, c.Addresses.StakeVault, solana.TokenProgramID)
	})
}

// ClaimCostakeInstruction pays staker's co-stake rewards on deviceKey into stakerToken.
func (c *Client) ClaimCostakeInstruction(staker, deviceKey, stakerToken solana.PublicKey) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, staker, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewClaimCostakeInstruction(staker, c.Addresses.Config, a.params, a.offer, stakerToken, a.vault, solana.TokenProgramID, a.position)
	})
}

// ClaimOfferRewardInstruction pays deviceKey's owner its commission and own-stake share.
func (c *Client) ClaimOfferRewardInstruction(owner, deviceKey, ownerToken solana.PublicKey) (solana.Instruction, error) {
	return c.costakeIx(deviceKey, solana.PublicKey{}, func(a costakeAccounts) (solana.Instruction, error) {
		return gen.NewClaimOfferRewardInstruction(owner, c.Addresses.Config, a.params, a.offer, ownerToken, a.vault, solana.TokenProgramID)
	})
}

// withOffer appends deviceKey's offer to ix's accounts (writable): unstake_device and slash
// take it after their named accounts when the device has an offer.
func (c *Client) withOffer(ix solana.Instruction, deviceKey solana.PublicKey) (solana.Instruction, error) {
	offer, err := OfferAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	data, err := ix.Data()
	if err != nil {
		return nil, fmt.Errorf("build staking instruction: %w", err)
	}
	accounts := append(append(solana.AccountMetaSlice{}, ix.Accounts()...), solana.Meta(offer).WRITE())
	return solana.NewInstruction(ix.ProgramID(), accounts, data), nil
}

// FetchOffer reads deviceKey's co-staking offer.
func (c *Client) FetchOffer(ctx context.Context, deviceKey solana.PublicKey) (*gen.DeviceOffer, error) {
	addr, err := OfferAddress(c.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	o, err := fetch(ctx, c.sx.RPC, c.ProgramID, addr, "offer", gen.ParseAccount_DeviceOffer)
	return o, anchor.Described(err, "device "+deviceKey.String()+" has no co-staking offer (its owner opens one with `ionet device offer open`)")
}

// FetchCostakePosition reads staker's co-stake position on deviceKey.
func (c *Client) FetchCostakePosition(ctx context.Context, deviceKey, staker solana.PublicKey) (*gen.CostakePosition, error) {
	addr, err := CostakePositionAddress(c.ProgramID, deviceKey, staker)
	if err != nil {
		return nil, err
	}
	p, err := fetch(ctx, c.sx.RPC, c.ProgramID, addr, "co-stake position", gen.ParseAccount_CostakePosition)
	return p, anchor.Described(err, staker.String()+" has no co-stake on device "+deviceKey.String()+" (co-stake with `ionet costake DEVICE AMOUNT`)")
}

// FetchCostakeParams reads the co-staking parameters.
func (c *Client) FetchCostakeParams(ctx context.Context) (*gen.CostakeParams, error) {
	addr, _, err := CostakeAddresses(c.ProgramID)
	if err != nil {
		return nil, err
	}
	p, err := fetch(ctx, c.sx.RPC, c.ProgramID, addr, "co-staking parameters", gen.ParseAccount_CostakeParams)
	return p, anchor.Described(err, "co-staking is not set up: the staking authority runs set_costake_params")
}

// SetCostakeParams sets the co-staking parameters (authority signs and pays): the first time
// set_costake_params creates them and the reward vault, later update_costake_params changes them.
func (c *Client) SetCostakeParams(ctx context.Context, authority solana.PrivateKey, ioMint solana.PublicKey, floorBps uint64, noticeSeconds int64, maxCommissionBps uint64) (*solanax.Result, error) {
	var ix solana.Instruction
	_, err := c.FetchCostakeParams(ctx)
	switch {
	case err == nil: // they exist: update_costake_params, three accounts
		ix, err = c.UpdateCostakeParamsInstruction(authority.PublicKey(), CostakeSettings{MinOwnerFloorBps: floorBps, NoticeSeconds: noticeSeconds, MaxCommissionBps: maxCommissionBps})
	case errors.Is(err, ErrNotFound): // set_costake_params creates them and the vault
		ix, err = c.SetCostakeParamsInstruction(authority.PublicKey(), authority.PublicKey(), ioMint, floorBps, noticeSeconds, maxCommissionBps)
	default:
		return nil, fmt.Errorf("set co-staking parameters: %w", err)
	}
	return c.sendOne(ctx, "set co-staking parameters", authority, ix, err)
}

// OpenOffer opens a co-staking offer on deviceKey.
func (c *Client) OpenOffer(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey, t OfferTerms) (*solanax.Result, error) {
	ix, err := c.OpenOfferInstruction(owner.PublicKey(), deviceKey, t)
	return c.sendOne(ctx, "open co-staking offer", owner, ix, err)
}

// UpdateOffer changes deviceKey's offer terms.
func (c *Client) UpdateOffer(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey, t OfferTerms) (*solanax.Result, error) {
	ix, err := c.UpdateOfferInstruction(owner.PublicKey(), deviceKey, t)
	return c.sendOne(ctx, "update co-staking offer", owner, ix, err)
}

// CloseOffer closes deviceKey's offer.
func (c *Client) CloseOffer(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	ix, err := c.CloseOfferInstruction(owner.PublicKey(), deviceKey)
	return c.sendOne(ctx, "close co-staking offer", owner, ix, err)
}

// Costake co-stakes amount of staker's IO on deviceKey.
func (c *Client) Costake(ctx context.Context, staker solana.PrivateKey, deviceKey solana.PublicKey, amount uint64) (*solanax.Result, error) {
	what := fmt.Sprintf("co-stake %s IO on %s", solanax.FormatAmount(amount, solanax.IODecimals), deviceKey)
	return c.sendWithIO(ctx, what, staker, func(token solana.PublicKey) (solana.Instruction, error) {
		return c.CostakeInstruction(staker.PublicKey(), deviceKey, token, amount)
	})
}

// Uncostake moves amount of staker's co-stake on deviceKey into the cooldown.
func (c *Client) Uncostake(ctx context.Context, staker solana.PrivateKey, deviceKey solana.PublicKey, amount uint64) (*solanax.Result, error) {
	ix, err := c.UncostakeInstruction(staker.PublicKey(), deviceKey, amount)
	return c.sendOne(ctx, "uncostake", staker, ix, err)
}

// WithdrawCostake pays staker's ended co-stake cooldowns on deviceKey.
func (c *Client) WithdrawCostake(ctx context.Context, staker solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	return c.sendWithIO(ctx, "withdraw co-stake", staker, func(token solana.PublicKey) (solana.Instruction, error) {
		return c.WithdrawCostakeInstruction(staker.PublicKey(), deviceKey, token)
	})
}

// ClaimCostake pays staker's co-stake rewards on deviceKey.
func (c *Client) ClaimCostake(ctx context.Context, staker solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	return c.sendWithIO(ctx, "claim co-stake rewards", staker, func(token solana.PublicKey) (solana.Instruction, error) {
		return c.ClaimCostakeInstruction(staker.PublicKey(), deviceKey, token)
	})
}

// ClaimOfferReward pays deviceKey's owner its commission and own-stake share.
func (c *Client) ClaimOfferReward(ctx context.Context, owner solana.PrivateKey, deviceKey solana.PublicKey) (*solanax.Result, error) {
	return c.sendWithIO(ctx, "claim offer reward", owner, func(token solana.PublicKey) (solana.Instruction, error) {
		return c.ClaimOfferRewardInstruction(owner.PublicKey(), deviceKey, token)
	})
}

// CostakeView is a co-stake position as its staker sees it, computed from chain state with
// the program's rounding.
type CostakeView struct {
	Active    uint64 // active co-stake (part of the device's stake)
	Cooling   uint64 // co-stake in cooldowns (or on a closed offer)
	Earned    uint64 // claimed + claimable
	Claimable uint64
	Cooldowns []gen.ShareCooldown
}

// poolValue is shares of a pool of poolShares worth poolAmount, rounded down (all of them: the
// pool).
func poolValue(shares, poolShares, poolAmount uint64) uint64 {
	if shares == poolShares {
		return poolAmount
	}
	v := new(big.Int).Mul(new(big.Int).SetUint64(shares), new(big.Int).SetUint64(poolAmount))
	return v.Quo(v, new(big.Int).SetUint64(poolShares)).Uint64()
}

// ViewCostake is p's stake and rewards on offer o.
func ViewCostake(o *gen.DeviceOffer, p *gen.CostakePosition) CostakeView {
	v := CostakeView{Claimable: p.Unclaimed + earned(o.RewardIndexWhole, o.RewardIndexFrac, p.RewardIndexWhole, p.RewardIndexFrac, p.Shares)}
	active := poolValue(p.Shares, o.ActiveShares, o.ActiveAmount)
	if o.ClosedUnlockTs == 0 {
		v.Active = active
	} else {
		v.Cooling = active
	}
	for _, c := range p.Cooldowns {
		if c.Shares != 0 {
			v.Cooling += poolValue(c.Shares, o.CoolingShares, o.CoolingAmount)
			v.Cooldowns = append(v.Cooldowns, c)
		}
	}
	v.Earned = p.Claimed + v.Claimable
	return v
}

// OwnerStake is the device owner's own active stake (the device's stake less active co-stake).
func OwnerStake(d *gen.Device, o *gen.DeviceOffer) uint64 {
	if o == nil || o.ClosedUnlockTs != 0 {
		return d.Stake
	}
	return d.Stake - o.ActiveAmount
}

// CommissionAt is o's commission in force at now (a pending raise once its notice passed).
func CommissionAt(o *gen.DeviceOffer, now int64) uint64 {
	if o.PendingTs != 0 && now >= o.PendingTs {
		return o.PendingCommissionBps
	}
	return o.CommissionBps
}

// offerOf is deviceKey's offer when its device has one, nil when not.
func (c *Client) offerOf(ctx context.Context, d *gen.Device, deviceKey solana.PublicKey) (*gen.DeviceOffer, error) {
	if d.Offer == 0 {
		return nil, nil
	}
	o, err := c.FetchOffer(ctx, deviceKey)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("device %s is marked as having an offer but none is on chain: %w", deviceKey, err)
	}
	return o, err
}

// CooldownValue is the IO a co-stake cooldown entry is worth now (after any slashes).
func CooldownValue(o *gen.DeviceOffer, c gen.ShareCooldown) uint64 {
	return poolValue(c.Shares, o.CoolingShares, o.CoolingAmount)
}

// MulDiv is a * b / c rounded down; false when c is zero or the result exceeds 64 bits.
func MulDiv(a, b, c uint64) (uint64, bool) {
	if c == 0 {
		return 0, false
	}
	v := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
	v.Quo(v, new(big.Int).SetUint64(c))
	if !v.IsUint64() {
		return 0, false
	}
	return v.Uint64(), true
}

// Solana is the underlying send/confirm client.
func (c *Client) Solana() *solanax.Client { return c.sx }
