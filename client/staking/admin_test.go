package staking

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestAdminRejected(t *testing.T) {
	outsider := localnettest.NewWallet(t, chain, 0)
	params := testParams(t)
	badBurn, badClasses, badCooldown, otherSlasher := params, params, params, params
	otherSlasher.Slasher = outsider.PublicKey()
	badBurn.SlashBurnBps = BPS + 1
	badClasses.GpuClassCount = 9
	badCooldown.CooldownSeconds = -1
	watch := []solana.PublicKey{stk.Addresses.Config, stk.Addresses.StakeVault, stk.Addresses.RewardVault}
	cases := []struct {
		name   string
		want   string
		signer solana.PrivateKey
		ixs    []solana.Instruction
	}{
		{"initialize by another key", gen.Error_NotUpgradeAuthority, outsider, localnettest.MustIx(t)(stk.InitializeInstruction(outsider.PublicKey(), outsider.PublicKey(), ioMint, params))},
		{"initialize twice", "AccountAlreadyInitialized", upgrader, localnettest.MustIx(t)(stk.InitializeInstruction(upgrader.PublicKey(), outsider.PublicKey(), ioMint, params))},
		{"update params by another key", gen.Error_Unauthorized, outsider, localnettest.MustIx(t)(stk.UpdateParamsInstruction(outsider.PublicKey(), params))},
		{"burn share above 100%", gen.Error_InvalidParams, authority, localnettest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), badBurn))},
		{"more than 8 GPU classes", gen.Error_InvalidParams, authority, localnettest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), badClasses))},
		{"negative cooldown", gen.Error_InvalidParams, authority, localnettest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), badCooldown))},
		{"a new slasher (the authority can never name one)", gen.Error_SlasherFixed, authority, localnettest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), otherSlasher))},
		{"set authority by another key", gen.Error_Unauthorized, outsider, localnettest.MustIx(t)(stk.SetAuthorityInstruction(outsider.PublicKey(), outsider.PublicKey()))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.signer, c.ixs)
		})
	}
}

func TestSetAuthority(t *testing.T) {
	ctx := localnettest.Context(t)
	next := localnettest.NewWallet(t, chain, 0)
	_, err := stk.SetAuthority(ctx, authority, next.PublicKey())
	require.NoError(t, err)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, next.PublicKey(), cfg.Authority)
	_, err = stk.SetAuthority(ctx, authority, authority.PublicKey())
	require.Equal(t, gen.Error_Unauthorized, ErrorName(err), "the old authority lost its rights: %v", err)
	_, err = stk.Send(ctx, authority, localnettest.MustIx(t)(stk.SetAuthorityInstruction(next.PublicKey(), authority.PublicKey())), next)
	require.NoError(t, err, "the new authority hands it back")
}

// TestWithdrawAfterWarp: the real 14-day cooldown, ended by moving the chain clock forward.
func TestWithdrawAfterWarp(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := newStaker(t, 100*IO, 100*IO)
	token := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	_, err := stk.Unstake(ctx, owner, 40*IO)
	require.NoError(t, err)
	ix := localnettest.MustIx(t)(stk.WithdrawInstruction(owner.PublicKey(), token))
	watch := []solana.PublicKey{positionAddr(t, owner.PublicKey()), token}
	_, err = chain.Warp(ctx, DefaultCooldown-time.Hour)
	require.NoError(t, err)
	requireRejected(t, gen.Error_CooldownNotElapsed, watch, owner, ix)
	_, err = chain.Warp(ctx, time.Hour)
	require.NoError(t, err)
	_, err = stk.Withdraw(ctx, owner)
	require.NoError(t, err)
	require.Equal(t, uint64(40*IO), localnettest.TokenBalance(t, stk.sx, token))
	requireRejected(t, gen.Error_NothingToWithdraw, watch, owner, ix)
}
