package staking

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/internal/clienttest"
)

func TestAdminRejected(t *testing.T) {
	outsider := clienttest.NewWallet(t, chain, 0)
	params, err := DefaultParams(solana.PublicKey{})
	require.NoError(t, err)
	badBurn, badClasses, badCooldown := params, params, params
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
		{"initialize by another key", "NotUpgradeAuthority", outsider, clienttest.MustIx(t)(stk.InitializeInstruction(outsider.PublicKey(), outsider.PublicKey(), ioMint, params))},
		{"initialize twice", "AccountAlreadyInitialized", upgrader, clienttest.MustIx(t)(stk.InitializeInstruction(upgrader.PublicKey(), outsider.PublicKey(), ioMint, params))},
		{"update params by another key", "Unauthorized", outsider, clienttest.MustIx(t)(stk.UpdateParamsInstruction(outsider.PublicKey(), params))},
		{"burn share above 100%", "InvalidParams", authority, clienttest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), badBurn))},
		{"more than 8 GPU classes", "InvalidParams", authority, clienttest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), badClasses))},
		{"negative cooldown", "InvalidParams", authority, clienttest.MustIx(t)(stk.UpdateParamsInstruction(authority.PublicKey(), badCooldown))},
		{"set authority by another key", "Unauthorized", outsider, clienttest.MustIx(t)(stk.SetAuthorityInstruction(outsider.PublicKey(), outsider.PublicKey()))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.signer, c.ixs)
		})
	}
}

func TestSetAuthority(t *testing.T) {
	ctx := clienttest.Context(t)
	next := clienttest.NewWallet(t, chain, 0)
	_, err := stk.SetAuthority(ctx, authority, next.PublicKey())
	require.NoError(t, err)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, next.PublicKey(), cfg.Authority)
	_, err = stk.SetAuthority(ctx, authority, authority.PublicKey())
	require.Equal(t, "Unauthorized", ErrorName(err), "the old authority lost its rights: %v", err)
	_, err = stk.Send(ctx, authority, clienttest.MustIx(t)(stk.SetAuthorityInstruction(next.PublicKey(), authority.PublicKey())), next)
	require.NoError(t, err, "the new authority hands it back")
}

// TestWithdrawAfterWarp: the real 14-day cooldown, ended by moving the chain clock forward.
func TestWithdrawAfterWarp(t *testing.T) {
	ctx := clienttest.Context(t)
	owner := newStaker(t, 100*IO, 100*IO)
	token := clienttest.TokenAccount(t, owner.PublicKey(), ioMint)
	_, err := stk.Unstake(ctx, owner, 40*IO)
	require.NoError(t, err)
	ix := clienttest.MustIx(t)(stk.WithdrawInstruction(owner.PublicKey(), token))
	watch := []solana.PublicKey{positionAddr(t, owner.PublicKey()), token}
	_, err = chain.Warp(ctx, DefaultCooldown-time.Hour)
	require.NoError(t, err)
	requireRejected(t, "CooldownNotElapsed", watch, owner, ix)
	_, err = chain.Warp(ctx, time.Hour)
	require.NoError(t, err)
	_, err = stk.Withdraw(ctx, owner)
	require.NoError(t, err)
	require.Equal(t, uint64(40*IO), clienttest.TokenBalance(t, stk.sx, token))
	requireRejected(t, "NothingToWithdraw", watch, owner, ix)
}
