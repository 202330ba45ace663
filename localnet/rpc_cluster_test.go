package localnet

import (
	"math/bits"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	computebudget "github.com/gagliardetto/solana-go/programs/compute-budget"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClusterInfo(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)

	health, err := chain.RPC.GetHealth(ctx)
	require.NoError(t, err)
	assert.Equal(t, rpc.HealthOk, health)

	version, err := chain.RPC.GetVersion(ctx)
	require.NoError(t, err)
	assert.Regexp(t, `^\d+\.\d+\.\d+`, version.SolanaCore)
	assert.NotZero(t, version.FeatureSet)

	identity, err := chain.RPC.GetIdentity(ctx)
	require.NoError(t, err)
	assert.False(t, identity.Identity.IsZero())

	genesis, err := chain.RPC.GetGenesisHash(ctx)
	require.NoError(t, err)
	assert.Equal(t, chain.Manifest.GenesisHash, genesis)
}

// Slots and block heights advance on the slot timer (400 ms by default).
func TestSlotsAdvance(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	// The height first: a slot may pass between the two calls, and a later slot is never lower.
	height1, err := chain.RPC.GetBlockHeight(ctx, rpc.CommitmentProcessed)
	require.NoError(t, err)
	slot1, err := chain.RPC.GetSlot(ctx, rpc.CommitmentProcessed)
	require.NoError(t, err)
	assert.LessOrEqual(t, height1, slot1)
	const wait = 2 * time.Second
	time.Sleep(wait)
	slot2, err := chain.RPC.GetSlot(ctx, rpc.CommitmentProcessed)
	require.NoError(t, err)
	height2, err := chain.RPC.GetBlockHeight(ctx, rpc.CommitmentProcessed)
	require.NoError(t, err)
	want := float64(wait / TestSlotDuration) // the shared chain's slots
	assert.InEpsilon(t, want, float64(slot2-slot1), 0.4, "about %v slots of %v in %v (%d -> %d)", want, TestSlotDuration, wait, slot1, slot2)
	assert.Greater(t, height2, height1)

	finalized, err := chain.RPC.GetSlot(ctx, rpc.CommitmentFinalized)
	require.NoError(t, err)
	confirmed, err := chain.RPC.GetSlot(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.LessOrEqual(t, finalized, confirmed, "finalized trails confirmed")
}

// epochOf is Agave's EpochSchedule::get_epoch_and_slot_index, warm-up included.
func epochOf(s *rpc.GetEpochScheduleResult, slot uint64) (epoch, index, slotsInEpoch uint64) {
	const minimumSlotsPerEpoch = 32
	if s.Warmup && slot < s.FirstNormalSlot {
		// Warm-up epochs double in length from 32 slots: epoch = ceil(log2(slot+33)) - 6.
		epoch = uint64(bits.Len64(slot+minimumSlotsPerEpoch)) - 6
		slotsInEpoch = uint64(1) << (epoch + 5)
		return epoch, slot - (slotsInEpoch - minimumSlotsPerEpoch), slotsInEpoch
	}
	normal := slot - s.FirstNormalSlot
	return s.FirstNormalEpoch + normal/s.SlotsPerEpoch, normal % s.SlotsPerEpoch, s.SlotsPerEpoch
}

func TestEpochInfoMatchesSchedule(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	schedule, err := chain.RPC.GetEpochSchedule(ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(432_000), schedule.SlotsPerEpoch)
	assert.Equal(t, uint64(432_000), schedule.LeaderScheduleSlotOffset)
	if schedule.Warmup {
		assert.Equal(t, uint64(14), schedule.FirstNormalEpoch)
		assert.Equal(t, uint64(524_256), schedule.FirstNormalSlot)
	}
	info, err := chain.RPC.GetEpochInfo(ctx, rpc.CommitmentProcessed)
	require.NoError(t, err)
	epoch, index, slotsInEpoch := epochOf(schedule, info.AbsoluteSlot)
	assert.Equal(t, epoch, info.Epoch)
	assert.Equal(t, index, info.SlotIndex)
	assert.Equal(t, slotsInEpoch, info.SlotsInEpoch)
	assert.LessOrEqual(t, info.BlockHeight, info.AbsoluteSlot)
}

func TestEpochOf(t *testing.T) {
	warm := &rpc.GetEpochScheduleResult{SlotsPerEpoch: 432_000, Warmup: true, FirstNormalEpoch: 14, FirstNormalSlot: 524_256}
	for _, tc := range []struct{ slot, epoch, index, len uint64 }{
		{0, 0, 0, 32}, {31, 0, 31, 32}, {32, 1, 0, 64}, {95, 1, 63, 64}, {96, 2, 0, 128},
		{524_255, 13, 262_143, 262_144}, {524_256, 14, 0, 432_000}, {524_256 + 432_000, 15, 0, 432_000},
	} {
		epoch, index, n := epochOf(warm, tc.slot)
		assert.Equal(t, []uint64{tc.epoch, tc.index, tc.len}, []uint64{epoch, index, n}, "slot %d", tc.slot)
	}
}

func TestLatestBlockhash(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	before, err := chain.RPC.GetBlockHeight(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	latest, err := chain.RPC.GetLatestBlockhash(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	after, err := chain.RPC.GetBlockHeight(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.False(t, latest.Value.Blockhash.IsZero())
	assert.NotZero(t, latest.Context.Slot)
	// A blockhash stays valid for 150 blocks.
	assert.GreaterOrEqual(t, latest.Value.LastValidBlockHeight, before+150)
	assert.LessOrEqual(t, latest.Value.LastValidBlockHeight, after+150)

	for _, tc := range []struct {
		name  string
		hash  solana.Hash
		valid bool
	}{
		{"latest", latest.Value.Blockhash, true},
		{"unknown", solana.Hash(newAddress(t)), false},
	} {
		res, err := chain.RPC.IsBlockhashValid(ctx, tc.hash, rpc.CommitmentConfirmed)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.valid, res.Value, tc.name)
	}
}

func TestFeeForMessage(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer, second := newAddress(t), newAddress(t)
	latest, err := chain.RPC.GetLatestBlockhash(ctx, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		instrs []solana.Instruction
		fee    uint64
	}{
		{"one signature", []solana.Instruction{transferIx(payer, newAddress(t), 1)}, 5000},
		{"two signatures", []solana.Instruction{transferIx(payer, newAddress(t), 1), transferIx(second, newAddress(t), 1)}, 10_000},
		// priority fee = ceil(price in micro-lamports * compute unit limit / 1e6)
		{"priority fee", []solana.Instruction{
			computebudget.NewSetComputeUnitLimitInstruction(300).Build(),
			computebudget.NewSetComputeUnitPriceInstruction(10_000).Build(),
			transferIx(payer, newAddress(t), 1)}, 5003},
		{"priority fee rounds up", []solana.Instruction{
			computebudget.NewSetComputeUnitLimitInstruction(1_001).Build(),
			computebudget.NewSetComputeUnitPriceInstruction(1_000).Build(),
			transferIx(payer, newAddress(t), 1)}, 5002},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx, err := solana.NewTransaction(tc.instrs, latest.Value.Blockhash, solana.TransactionPayer(payer))
			require.NoError(t, err)
			msg, err := tx.Message.MarshalBinary()
			require.NoError(t, err)
			res, err := chain.RPC.GetFeeForMessage(ctx, encodeBase64(msg), rpc.CommitmentConfirmed)
			require.NoError(t, err)
			require.NotNil(t, res.Value)
			assert.Equal(t, tc.fee, *res.Value)
		})
	}
}

func TestMinimumBalanceForRentExemption(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	// (128 bytes of account overhead + data) * 3480 lamports per byte-year * 2 years
	for _, tc := range []struct{ size, lamports uint64 }{
		{0, 890_880}, {82, 1_461_600}, {165, 2_039_280}, {10_240, 72_161_280},
	} {
		got, err := chain.RPC.GetMinimumBalanceForRentExemption(ctx, tc.size, rpc.CommitmentConfirmed)
		require.NoError(t, err)
		assert.Equal(t, tc.lamports, got, "size %d", tc.size)
	}
}

func TestRecentPrioritizationFees(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	payer := newWallet(t, Funding{Lamports: sol})
	to := newAddress(t)
	tx := signedTx(t, []solana.Instruction{
		computebudget.NewSetComputeUnitLimitInstruction(1_000).Build(),
		computebudget.NewSetComputeUnitPriceInstruction(777).Build(),
		transferIx(payer.PublicKey(), to, 1_000_000),
	}, solana.Hash{}, payer)
	sig := sendConfirmed(t, tx)
	st := waitStatus(t, sig, rpc.ConfirmationStatusConfirmed)

	fees, err := chain.RPC.GetRecentPrioritizationFees(ctx, solana.PublicKeySlice{to})
	require.NoError(t, err)
	require.NotEmpty(t, fees)
	found := false
	for _, f := range fees {
		if f.Slot == st.Slot {
			found = true
			assert.Equal(t, uint64(777), f.PrioritizationFee)
		}
	}
	assert.True(t, found, "no entry for slot %d in %+v", st.Slot, fees)
	all, err := chain.RPC.GetRecentPrioritizationFees(ctx, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, all)
	assert.LessOrEqual(t, len(all), 150, "at most 150 recent slots")
}
