package staking

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestVoteLock: a position locked by the authority (governance's vote) can neither unstake nor
// withdraw until the lock ends; the lock only extends; only the authority locks.
func TestVoteLock(t *testing.T) {
	ctx := localnettest.Context(t)
	owner := newStaker(t, 100*IO, 100*IO)
	pub := owner.PublicKey()
	token := localnettest.TokenAccount(t, pub, ioMint)
	position := positionAddr(t, pub)
	watch := []solana.PublicKey{position, token, stk.Addresses.Config}

	// Cooling stake from before the lock: withdraw is blocked too.
	withCooldown(t, 0, func() {
		_, err := stk.Unstake(ctx, owner, 10*IO)
		require.NoError(t, err)
	})
	now := chainNow(t)
	until := now + 3600
	_, err := stk.LockPosition(ctx, authority, pub, until)
	require.NoError(t, err)
	_, err = stk.LockPosition(ctx, authority, pub, until-600)
	require.NoError(t, err, "a shorter lock is accepted and ignored")
	p, err := stk.FetchPosition(ctx, pub)
	require.NoError(t, err)
	require.Equal(t, until, LockedUntil(p))

	outsider := localnettest.NewWallet(t, chain, 0)
	cases := []struct {
		name   string
		want   string
		signer solana.PrivateKey
		ixs    []solana.Instruction
	}{
		{"unstake while locked", gen.Error_PositionLocked, owner, localnettest.MustIx(t)(stk.UnstakeInstruction(pub, 1*IO))},
		{"withdraw while locked", gen.Error_PositionLocked, owner, localnettest.MustIx(t)(stk.WithdrawInstruction(pub, token))},
		{"lock by another key", gen.Error_Unauthorized, outsider, localnettest.MustIx(t)(stk.LockPositionInstruction(outsider.PublicKey(), pub, until+1))},
		{"lock beyond 56 bits", gen.Error_InvalidLockTime, authority, localnettest.MustIx(t)(stk.LockPositionInstruction(authority.PublicKey(), pub, 1<<56))},
		{"negative lock", gen.Error_InvalidLockTime, authority, localnettest.MustIx(t)(stk.LockPositionInstruction(authority.PublicKey(), pub, -1))},
		// Finding 12 of issue 13: the authority could lock a position until 2^56.
		{"lock past the longest vote (30 days)", gen.Error_InvalidLockTime, authority, localnettest.MustIx(t)(stk.LockPositionInstruction(authority.PublicKey(), pub, now+30*24*3600+3600))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.signer, c.ixs)
		})
	}

	_, err = chain.Warp(ctx, time.Hour)
	require.NoError(t, err)
	_, err = stk.Withdraw(ctx, owner)
	require.NoError(t, err, "the lock ended")
	require.Equal(t, uint64(10*IO), localnettest.TokenBalance(t, stk.sx, token))
}

// chainNow is the chain clock's unix time (it runs ahead of the wall clock after warps).
func chainNow(t testing.TB) int64 {
	t.Helper()
	w, err := chain.Warp(localnettest.Context(t), time.Second)
	require.NoError(t, err)
	return w.UnixTimestamp
}
