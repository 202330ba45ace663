package localnet

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWarpMovesTheClockSysvar(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	// A chain of its own: the shared chain's clock must stay the wall clock for other tests.
	chain, err := Start(ctx, Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, chain.Stop()) }()
	clockTime := func() int64 {
		info, err := chain.RPC.GetAccountInfoWithOpts(ctx, solana.SysVarClockPubkey, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentProcessed})
		require.NoError(t, err)
		data := info.Value.Data.GetBinary()
		require.GreaterOrEqual(t, len(data), 40, "clock sysvar data")
		return int64(binary.LittleEndian.Uint64(data[32:40])) // unix_timestamp
	}
	before := clockTime()
	const twoWeeks = 14 * 24 * time.Hour
	w, err := chain.Warp(ctx, twoWeeks)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, w.UnixTimestamp, before+int64(twoWeeks/time.Second))
	assert.GreaterOrEqual(t, clockTime(), before+int64(twoWeeks/time.Second))

	_, err = chain.Warp(ctx, 500*time.Millisecond)
	assert.ErrorContains(t, err, "at least one second forward")
}

func TestWarpSlotsPassesDeadlinesAtOnce(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	chain, err := Start(ctx, Options{}) // a chain of its own: warps expire other tests' blockhashes
	require.NoError(t, err)
	defer func() { require.NoError(t, chain.Stop()) }()
	slot := func() uint64 {
		s, err := chain.RPC.GetSlot(ctx, rpc.CommitmentProcessed)
		require.NoError(t, err)
		return s
	}
	before := slot()
	started := time.Now()
	w, err := chain.WarpSlots(ctx, MaxWarpSlots+500) // two calls
	require.NoError(t, err)
	assert.GreaterOrEqual(t, w.Slot, before+MaxWarpSlots+500)
	assert.Less(t, time.Since(started), 10*time.Second, "passing 10,500 slots of 20 ms by waiting takes 210 s")

	target := slot() + 200
	w, err = WarpPast(ctx, chain.RPC, target)
	require.NoError(t, err)
	assert.Greater(t, w.Slot, target)
	assert.Greater(t, slot(), target)
	again, err := WarpPast(ctx, chain.RPC, target)
	require.NoError(t, err)
	assert.LessOrEqual(t, again.Slot, slot(), "a slot already passed is not warped again")

	// A transaction with a fresh blockhash lands after the warp.
	_, err = chain.NewWallet(ctx, Funding{Lamports: solana.LAMPORTS_PER_SOL})
	require.NoError(t, err)

	_, err = chain.WarpSlots(ctx, 0)
	assert.ErrorContains(t, err, "at least one slot forward")
}
