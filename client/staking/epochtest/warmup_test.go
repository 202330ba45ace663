package epochtest

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestEpochRewardsGoOnlyToStakeFromBeforeTheEpochs reproduces finding 9 of issue 13 (reward
// sniping before a backlogged crank) at the staking level: a stake added after the epochs being
// funded ended earns nothing of them; it earns from the next epochs on, once activated.
func TestEpochRewardsGoOnlyToStakeFromBeforeTheEpochs(t *testing.T) {
	ctx := localnettest.Context(t)
	funder := epochFunder(t)
	holder := newStaker(t, 1_000*IO, 100*IO)
	tick(t)
	// The epochs funded now all ended after the holder staked: from the next funding on its
	// stake earns, once activated (by anyone).
	_, err := stk.FundEpochs(ctx, funder, 0, chainNow(t))
	require.NoError(t, err)
	outsider := localnettest.NewWallet(t, chain, 0)
	_, err = stk.ActivateStake(ctx, outsider, holder.PublicKey())
	require.NoError(t, err)
	p, err := stk.FetchPosition(ctx, holder.PublicKey())
	require.NoError(t, err)
	require.Zero(t, p.Warming)

	// The sniper stakes the same amount after the epochs about to be funded (the backlog) ended.
	tick(t)
	backlogEnd := chainNow(t)
	tick(t)
	sniper := newStaker(t, 1_000*IO, 100*IO)
	watch := []solana.PublicKey{stk.Addresses.Config, positionAddr(t, sniper.PublicKey())}
	requireRejected(t, stakinggen.Error_NothingToActivate, watch, outsider, localnettest.MustIx(t)(stk.ActivateStakeInstruction(sniper.PublicKey())))
	holderBefore, sniperBefore := claimable(t, holder.PublicKey()), claimable(t, sniper.PublicKey())
	_, err = stk.FundEpochs(ctx, funder, 90*IO, backlogEnd)
	require.NoError(t, err)
	require.Equal(t, uint64(90*IO), claimable(t, holder.PublicKey())-holderBefore, "the holder earns the whole backlog")
	require.Equal(t, sniperBefore, claimable(t, sniper.PublicKey()), "the sniper earns nothing of epochs that ended before it staked")
	_, err = stk.ActivateStake(ctx, outsider, sniper.PublicKey())
	require.Equal(t, stakinggen.Error_NothingToActivate, staking.ErrorName(err), "the funded epochs ended before the sniper staked: %v", err)

	// Once the epochs funded reach its stake, it is activated and shares the next ones.
	tick(t)
	_, err = stk.FundEpochs(ctx, funder, 0, chainNow(t))
	require.NoError(t, err)
	_, err = stk.Claim(ctx, sniper) // claiming (or staking, unstaking) activates too
	require.Equal(t, stakinggen.Error_NothingToClaim, staking.ErrorName(err), "nothing earned yet, and a failed claim activates nothing: %v", err)
	_, err = stk.ActivateStake(ctx, outsider, sniper.PublicKey())
	require.NoError(t, err)
	tick(t)
	holderBefore, sniperBefore = claimable(t, holder.PublicKey()), claimable(t, sniper.PublicKey())
	_, err = stk.FundEpochs(ctx, funder, 10*IO, chainNow(t))
	require.NoError(t, err)
	require.Equal(t, uint64(5*IO), claimable(t, holder.PublicKey())-holderBefore)
	require.Equal(t, uint64(5*IO), claimable(t, sniper.PublicKey())-sniperBefore)
}

// TestFundRewardsRejected: epoch fundings only by the mint authority, never backwards or ahead
// of the clock, never onto nothing; donations never onto nothing (finding 8 of issue 13: they
// would otherwise wait for whoever stakes next).
func TestFundRewardsRejected(t *testing.T) {
	ctx := localnettest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Zero(t, cfg.TotalStake, "other tests must leave no active stake")
	funder := epochFunder(t)
	outsider := localnettest.NewWallet(t, chain, 100*IO)
	funderToken := localnettest.TokenAccount(t, funder.PublicKey(), ioMint)
	outsiderToken := localnettest.TokenAccount(t, outsider.PublicKey(), ioMint)
	watch := []solana.PublicKey{stk.Addresses.Config, stk.Addresses.RewardVault, funderToken, outsiderToken}
	fund := func(signer solana.PrivateKey, token solana.PublicKey, amount uint64, epochsEnd int64) []solana.Instruction {
		return localnettest.MustIx(t)(stk.FundRewardsInstruction(signer.PublicKey(), token, ioMint, amount, epochsEnd))
	}
	now := chainNow(t)
	cases := []struct {
		name   string
		want   string
		signer solana.PrivateKey
		ixs    []solana.Instruction
	}{
		{"a donation with nothing staked", stakinggen.Error_NoStakeToReward, outsider, fund(outsider, outsiderToken, IO, 0)},
		{"epochs funded by another key", stakinggen.Error_NotEpochFunder, outsider, fund(outsider, outsiderToken, IO, now)},
		{"epochs ending in the future", stakinggen.Error_InvalidEpochEnd, funder, fund(funder, funderToken, 0, now+3600)},
		{"epoch rewards with no earning stake", stakinggen.Error_NoEarningStake, funder, fund(funder, funderToken, IO, max(now, cfg.FundedThroughTs))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.signer, c.ixs)
		})
	}
	_, err = stk.FundEpochs(ctx, funder, 0, now)
	require.NoError(t, err)
	t.Run("epochs ending before those already funded", func(t *testing.T) {
		requireRejected(t, stakinggen.Error_InvalidEpochEnd, watch, funder, fund(funder, funderToken, 0, now-1))
	})
}
