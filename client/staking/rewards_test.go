package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestRewardScenario: three stakers, five donations (fund_rewards without epochs: shared at
// once over all active stake through the donation index), payouts computed by hand to the base
// unit. The index moves by funded / total stake per base unit (fraction in 1e-18 units, rounded
// down), and each position's share is rounded down:
//
//	fund 2 IO, nothing staked          refused (NoStakeToReward): never carried to whoever stakes next
//	alice, bob, carol stake 100 IO     total 300 IO
//	fund 1 IO                          1/300 = 0.003333333333333333            index 0.003333333333333333
//	fund 1 IO                          1/300 = 0.003333333333333333            index 0.006666666666666666
//	bob stakes 200 IO more             bob settles 100 IO * index = 0.66666666 IO (rounded down)
//	fund 50 IO                         50/500 = 0.1                          index 0.106666666666666666
//	bob unstakes 300 IO                bob settles 300 IO * 0.1 = 30 IO
//	fund 7 IO                          7/200 = 0.035                         index 0.141666666666666666
//
// (Index values relative to the index when the scenario starts: earlier tests moved it.)
// alice = carol = 100 IO * 0.141666666666666666 = 14.16666666 IO; bob = 0.66666666 + 30 IO.
// Claims total 58.99999998 IO of the 59 IO funded: rounding kept two base units, never created one.
func TestRewardScenario(t *testing.T) {
	ctx := localnettest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Zero(t, cfg.TotalStake, "other tests must leave no active stake")
	vaultStart := localnettest.TokenBalance(t, stk.sx, stk.Addresses.RewardVault)
	claimedStart := cfg.RewardsClaimed

	fund := func(amount uint64) *gen.RewardsFunded {
		t.Helper()
		res, err := stk.FundRewards(ctx, authority, amount)
		require.NoError(t, err)
		details, err := res.Details(ctx)
		require.NoError(t, err)
		for _, ev := range Events(details.Logs, stk.ProgramID) {
			if f, ok := ev.(*gen.RewardsFunded); ok {
				return f
			}
		}
		t.Fatal("fund_rewards emitted no RewardsFunded event")
		return nil
	}

	_, err = stk.FundRewards(ctx, authority, 2*IO)
	require.Equal(t, gen.Error_NoStakeToReward, ErrorName(err), "error: %v", err)
	alice := newStaker(t, 1_000*IO, 100*IO)
	bob := newStaker(t, 1_000*IO, 100*IO)
	carol := newStaker(t, 1_000*IO, 100*IO)
	require.Equal(t, &gen.RewardsFunded{Funder: authority.PublicKey(), Amount: IO}, fund(IO))
	fund(IO)
	_, err = stk.Stake(ctx, bob, 200*IO)
	require.NoError(t, err)
	fund(50 * IO)
	_, err = stk.Unstake(ctx, bob, 300*IO)
	require.NoError(t, err)
	fund(7 * IO)

	cfg, err = stk.FetchConfig(ctx)
	require.NoError(t, err)
	stakers := []struct {
		name  string
		owner solana.PrivateKey
		want  uint64
	}{{"alice", alice, 1_416_666_666}, {"bob", bob, 3_066_666_666}, {"carol", carol, 1_416_666_666}}
	var claimed uint64
	for _, s := range stakers {
		p, err := stk.FetchPosition(ctx, s.owner.PublicKey())
		require.NoError(t, err)
		require.Equal(t, s.want, Claimable(cfg, p), "%s: claimable before the claim (Go mirror)", s.name)
		token := localnettest.TokenAccount(t, s.owner.PublicKey(), ioMint)
		before := localnettest.TokenBalance(t, stk.sx, token)
		_, err = stk.Claim(ctx, s.owner)
		require.NoError(t, err, s.name)
		require.Equal(t, s.want, localnettest.TokenBalance(t, stk.sx, token)-before, "%s: paid", s.name)
		claimed += s.want
	}
	const funded = 59 * IO
	require.Equal(t, uint64(funded-2), claimed, "two base units stay in the vault as rounding dust")
	require.Equal(t, vaultStart+funded-claimed, localnettest.TokenBalance(t, stk.sx, stk.Addresses.RewardVault))
	cfg, err = stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, claimedStart+claimed, cfg.RewardsClaimed)
	require.LessOrEqual(t, cfg.RewardsClaimed, cfg.RewardsFunded, "claims never exceed funding")
}
