package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestStakeUnstakeWithdraw(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := localnettest.NewWallet(t, chain, 500*IO)
	token := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	vaultBefore := localnettest.TokenBalance(t, stk.sx, stk.Addresses.StakeVault)
	cfgBefore, err := stk.FetchConfig(ctx)
	require.NoError(t, err)

	res, err := stk.Stake(ctx, owner, 300*IO) // opens the position in the same transaction
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, Events(details.Logs, stk.ProgramID), &gen.Staked{Owner: owner.PublicKey(), Amount: 300 * IO, Active: 300 * IO})
	_, err = stk.Stake(ctx, owner, 100*IO)
	require.NoError(t, err)
	require.Equal(t, uint64(100*IO), localnettest.TokenBalance(t, stk.sx, token))
	require.Equal(t, vaultBefore+400*IO, localnettest.TokenBalance(t, stk.sx, stk.Addresses.StakeVault))

	// Unstake with a zero cooldown so the withdrawal can follow at once (the 14-day path is
	// TestWithdrawAfterWarp).
	withCooldown(t, 0, func() {
		_, err = stk.Unstake(ctx, owner, 150*IO)
		require.NoError(t, err)
	})
	p, err := stk.FetchPosition(ctx, owner.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(250*IO), p.Active)
	require.Equal(t, uint64(150*IO), p.Cooldowns[0].Amount)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, cfgBefore.TotalStake+250*IO, cfg.TotalStake)

	res, err = stk.Withdraw(ctx, owner)
	require.NoError(t, err)
	details, err = res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, Events(details.Logs, stk.ProgramID), &gen.Withdrawn{Owner: owner.PublicKey(), Amount: 150 * IO})
	require.Equal(t, uint64(250*IO), localnettest.TokenBalance(t, stk.sx, token))
	p, err = stk.FetchPosition(ctx, owner.PublicKey())
	require.NoError(t, err)
	require.Equal(t, gen.Cooldown{}, p.Cooldowns[0])

	// Double withdraw: nothing is left cooling down.
	ix := localnettest.MustIx(t)(stk.WithdrawInstruction(owner.PublicKey(), token))
	requireRejected(t, gen.Error_NothingToWithdraw, []solana.PublicKey{positionAddr(t, owner.PublicKey()), token}, owner, ix)
	unstakeAll(t, owner)
}

func TestStakeRejected(t *testing.T) {
	alice := newStaker(t, 100*IO, 10*IO)
	bob := newStaker(t, 100*IO, 10*IO)
	a, b := alice.PublicKey(), bob.PublicKey()
	aliceToken := localnettest.TokenAccount(t, a, ioMint)
	device := registerDevice(t, alice, "H100", 1)
	usdc, err := stk.sx.FetchTokenAccount(localnettest.Context(t), chain.Manifest.Distribution.USDCAccount)
	require.NoError(t, err)
	require.Equal(t, chain.Manifest.Mints.USDC.Address, usdc.Mint)
	watch := []solana.PublicKey{stk.Addresses.Config, positionAddr(t, a), positionAddr(t, b), aliceToken, stk.Addresses.StakeVault}
	stake := func(owner, position, token, vault solana.PublicKey, amount uint64, signerIsOwner bool) []solana.Instruction {
		ix, err := gen.NewStakeInstruction(amount, owner, stk.Addresses.Config, position, token, vault, solana.TokenProgramID)
		ix, err = anchor.At("staking", stk.ProgramID, ix, err)
		require.NoError(t, err)
		if !signerIsOwner {
			ix.Accounts()[0].IsSigner = false
		}
		return []solana.Instruction{ix}
	}
	cases := []struct {
		name  string
		want  string
		payer solana.PrivateKey
		ixs   []solana.Instruction
	}{
		{"zero amount", gen.Error_ZeroAmount, alice, stake(a, positionAddr(t, a), aliceToken, stk.Addresses.StakeVault, 0, true)},
		{"more than the balance (SPL Token refuses)", "Custom(1)", alice, stake(a, positionAddr(t, a), aliceToken, stk.Addresses.StakeVault, 90*IO+1, true)},
		{"overflowing amount", gen.Error_Overflow, alice, stake(a, positionAddr(t, a), aliceToken, stk.Addresses.StakeVault, ^uint64(0), true)},
		{"another user's position", gen.Error_WrongOwner, alice, stake(a, positionAddr(t, b), aliceToken, stk.Addresses.StakeVault, IO, true)},
		{"owner does not sign", "MissingRequiredSignature", bob, stake(a, positionAddr(t, a), aliceToken, stk.Addresses.StakeVault, IO, false)},
		{"wrong mint (a USDC account)", gen.Error_WrongMint, alice, stake(a, positionAddr(t, a), chain.Manifest.Distribution.USDCAccount, stk.Addresses.StakeVault, IO, true)},
		{"wrong vault (the reward vault)", gen.Error_WrongVault, alice, stake(a, positionAddr(t, a), aliceToken, stk.Addresses.RewardVault, IO, true)},
		{"forged position (a token account)", "InvalidAccountOwner", alice, stake(a, aliceToken, aliceToken, stk.Addresses.StakeVault, IO, true)},
		{"forged PDA (a device as position)", gen.Error_WrongAccountType, alice, stake(a, device, aliceToken, stk.Addresses.StakeVault, IO, true)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.payer, c.ixs)
		})
	}
}

func TestUnstakeRejected(t *testing.T) {
	alice := newStaker(t, 100*IO, 10*IO)
	bob := newStaker(t, 100*IO, 10*IO)
	a := alice.PublicKey()
	watch := []solana.PublicKey{stk.Addresses.Config, positionAddr(t, a), positionAddr(t, bob.PublicKey())}
	unstake := func(owner, position solana.PublicKey, amount uint64) []solana.Instruction {
		ix, err := gen.NewUnstakeInstruction(amount, owner, stk.Addresses.Config, position)
		return localnettest.MustIx(t)(anchor.At("staking", stk.ProgramID, ix, err))
	}
	cases := []struct {
		name string
		want string
		ixs  []solana.Instruction
	}{
		{"zero amount", gen.Error_ZeroAmount, unstake(a, positionAddr(t, a), 0)},
		{"more than active", gen.Error_InsufficientStake, unstake(a, positionAddr(t, a), 10*IO+1)},
		{"overflowing amount", gen.Error_InsufficientStake, unstake(a, positionAddr(t, a), ^uint64(0))},
		{"another user's position", gen.Error_WrongOwner, unstake(a, positionAddr(t, bob.PublicKey()), IO)},
		{"forged config (the position)", gen.Error_WrongAccountType, []solana.Instruction{solana.NewInstruction(stk.ProgramID,
			solana.AccountMetaSlice{solana.Meta(a).SIGNER(), solana.Meta(positionAddr(t, a)).WRITE(), solana.Meta(positionAddr(t, a)).WRITE()},
			append(gen.Instruction_Unstake[:], 1, 0, 0, 0, 0, 0, 0, 0))}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, alice, c.ixs)
		})
	}

	t.Run("every cooldown slot in use", func(t *testing.T) {
		// Zero cooldown, so a withdrawal frees the slots again afterwards.
		withCooldown(t, 0, func() {
			for range 8 {
				_, err := stk.Unstake(localnettest.Context(t), alice, IO)
				require.NoError(t, err)
			}
		})
		requireRejected(t, gen.Error_CooldownSlotsFull, watch, alice, unstake(a, positionAddr(t, a), IO))
		_, err := stk.Withdraw(localnettest.Context(t), alice)
		require.NoError(t, err)
	})
}

func TestWithdrawRejected(t *testing.T) {
	alice := newStaker(t, 100*IO, 10*IO)
	bob := newStaker(t, 100*IO, 10*IO)
	a := alice.PublicKey()
	aliceToken := localnettest.TokenAccount(t, a, ioMint)
	watch := []solana.PublicKey{positionAddr(t, a), positionAddr(t, bob.PublicKey()), aliceToken, stk.Addresses.StakeVault}
	withdraw := func(position, vault solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewWithdrawInstruction(a, stk.Addresses.Config, position, aliceToken, vault, solana.TokenProgramID)
		return localnettest.MustIx(t)(anchor.At("staking", stk.ProgramID, ix, err))
	}
	requireRejected(t, gen.Error_NothingToWithdraw, watch, alice, withdraw(positionAddr(t, a), stk.Addresses.StakeVault))
	_, err := stk.Unstake(localnettest.Context(t), alice, 5*IO) // 14-day cooldown
	require.NoError(t, err)
	_, err = stk.Unstake(localnettest.Context(t), bob, 5*IO)
	require.NoError(t, err)
	watch = []solana.PublicKey{positionAddr(t, a), positionAddr(t, bob.PublicKey()), aliceToken, stk.Addresses.StakeVault}
	cases := []struct {
		name string
		want string
		ixs  []solana.Instruction
	}{
		{"before the cooldown ends", gen.Error_CooldownNotElapsed, withdraw(positionAddr(t, a), stk.Addresses.StakeVault)},
		{"another user's position", gen.Error_WrongOwner, withdraw(positionAddr(t, bob.PublicKey()), stk.Addresses.StakeVault)},
		{"wrong vault (the reward vault)", gen.Error_WrongVault, withdraw(positionAddr(t, a), stk.Addresses.RewardVault)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, alice, c.ixs)
		})
	}
}

func TestClaimAndFundRejected(t *testing.T) {
	alice := newStaker(t, 100*IO, 10*IO)
	bob := newStaker(t, 100*IO, 10*IO)
	a := alice.PublicKey()
	aliceToken := localnettest.TokenAccount(t, a, ioMint)
	watch := []solana.PublicKey{stk.Addresses.Config, positionAddr(t, a), positionAddr(t, bob.PublicKey()), aliceToken, stk.Addresses.RewardVault}
	claim := func(position, vault solana.PublicKey) []solana.Instruction {
		ix, err := gen.NewClaimInstruction(a, stk.Addresses.Config, position, aliceToken, vault, solana.TokenProgramID)
		return localnettest.MustIx(t)(anchor.At("staking", stk.ProgramID, ix, err))
	}
	fund := func(token, vault solana.PublicKey, amount uint64) []solana.Instruction {
		ix, err := gen.NewFundRewardsInstruction(amount, 0, a, stk.Addresses.Config, token, vault, solana.TokenProgramID, ioMint)
		return localnettest.MustIx(t)(anchor.At("staking", stk.ProgramID, ix, err))
	}
	requireRejected(t, gen.Error_NothingToClaim, watch, alice, claim(positionAddr(t, a), stk.Addresses.RewardVault))
	_, err := stk.FundRewards(localnettest.Context(t), authority, IO)
	require.NoError(t, err)
	watch = []solana.PublicKey{stk.Addresses.Config, positionAddr(t, a), positionAddr(t, bob.PublicKey()), aliceToken, stk.Addresses.RewardVault}
	cases := []struct {
		name string
		want string
		ixs  []solana.Instruction
	}{
		{"claim another user's position", gen.Error_WrongOwner, claim(positionAddr(t, bob.PublicKey()), stk.Addresses.RewardVault)},
		{"claim from the stake vault", gen.Error_WrongVault, claim(positionAddr(t, a), stk.Addresses.StakeVault)},
		{"fund zero", gen.Error_ZeroAmount, fund(aliceToken, stk.Addresses.RewardVault, 0)},
		{"fund more than the balance (SPL Token refuses)", "Custom(1)", fund(aliceToken, stk.Addresses.RewardVault, 90*IO+1)},
		{"fund an overflowing amount", gen.Error_Overflow, fund(aliceToken, stk.Addresses.RewardVault, ^uint64(0))},
		{"fund from a USDC account", gen.Error_WrongMint, fund(chain.Manifest.Distribution.USDCAccount, stk.Addresses.RewardVault, IO)},
		{"fund the stake vault", gen.Error_WrongVault, fund(aliceToken, stk.Addresses.StakeVault, IO)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, alice, c.ixs)
		})
	}
}
