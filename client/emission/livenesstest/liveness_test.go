package livenesstest

import (
	"errors"
	"math/big"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// Default class table indexes (staking.DefaultGPUClasses).
const (
	h100    = 0 // 10x
	a100    = 1 // 5x
	rtx4070 = 4 // 0.25x
)

// prorata is supplier * weight / total rounded down, in big integers (independent of the
// client's own 128-bit arithmetic).
func prorata(supplier, weight, total uint64) uint64 {
	p := new(big.Int).Mul(new(big.Int).SetUint64(supplier), new(big.Int).SetUint64(weight))
	return p.Quo(p, new(big.Int).SetUint64(total)).Uint64()
}

func heartbeat(t *testing.T, d device) *gen.HeartbeatRecorded {
	t.Helper()
	ctx := localnettest.Context(t)
	_, err := em.FetchDeviceLiveness(ctx, d.key.PublicKey())
	name := "heartbeat (later: written in place)"
	if errors.Is(err, emission.ErrNotFound) {
		name = "open_liveness + heartbeat (the device's first: one transaction)"
	}
	res, err := em.Heartbeat(ctx, d.key, nil)
	require.NoError(t, err)
	recordComputeUnits(t, name, res.Signature)
	return res.Recorded
}

// TestHeartbeatsEarnProRataShares: three devices of different classes and GPU counts (two of
// one owner) heartbeat over three epochs; after the crank every claim pays exactly
// left * weight / weight_left of its epoch (the first the pro-rata share), the shares of an
// epoch add up to its pool exactly, a claim takes every claimable epoch of the device at once
// (clearing them in its liveness account), and a second claim fails.
func TestHeartbeatsEarnProRataShares(t *testing.T) {
	ctx := localnettest.Context(t)
	a := newDevice(t, nil, h100, 2, true)     // weight 200,000
	b := newDevice(t, nil, rtx4070, 3, true)  // weight 7,500
	c := newDevice(t, a.owner, a100, 1, true) // weight 50,000, same owner as a
	require.Equal(t, []uint64{200_000, 7_500, 50_000}, []uint64{a.weight, b.weight, c.weight})

	// Who is live when, and each epoch's total weight.
	live := map[uint64][]device{}
	e1 := currentEpoch(t)
	for i, d := range []device{a, b, c} {
		ev := heartbeat(t, d)
		require.Equal(t, e1, ev.Epoch)
		require.Equal(t, d.weight, ev.Weight)
		require.Equal(t, []uint64{200_000, 207_500, 257_500}[i], ev.TotalWeight)
	}
	live[e1] = []device{a, b, c}
	e2 := nextEpoch(t)
	heartbeat(t, a)
	heartbeat(t, b)
	live[e2] = []device{a, b}
	e3 := nextEpoch(t)
	heartbeat(t, b)
	live[e3] = []device{b}
	totals := map[uint64]uint64{e1: 257_500, e2: 207_500, e3: 7_500}
	pool, err := em.FetchLivenessPool(ctx)
	require.NoError(t, err)
	paidBefore := pool.Paid // by earlier tests' claims
	for epoch, want := range totals {
		got, ok := emission.TotalWeight(pool, epoch)
		require.True(t, ok)
		require.Equal(t, want, got, "total weight of epoch %d", epoch)
	}

	// Before the crank the epochs cannot be claimed.
	_, err = em.ClaimSupplierReward(ctx, b.owner, b.key.PublicKey())
	require.Equal(t, gen.Error_EpochNotMinted, emission.ErrorName(err), "%v", err)

	nextEpoch(t)
	catchUp(t)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	want := map[solana.PublicKey]map[uint64]uint64{} // device -> epoch -> share
	for epoch, devices := range live {
		supplier, ok := emission.SupplierAmount(st, epoch)
		require.True(t, ok)
		require.NotZero(t, supplier)
		var sum uint64
		for _, d := range devices {
			if want[d.key.PublicKey()] == nil {
				want[d.key.PublicKey()] = map[uint64]uint64{}
			}
			share := prorata(supplier, d.weight, totals[epoch])
			want[d.key.PublicKey()][epoch] = share
			sum += share
		}
		require.LessOrEqual(t, sum, supplier, "epoch %d shares exceed its pool", epoch)
		require.Less(t, supplier-sum, uint64(len(devices)), "epoch %d: more than rounding dust left", epoch)
	}
	require.Equal(t, mustSupplier(t, st, e3), want[b.key.PublicKey()][e3], "alone in e3, b earns the whole pool")

	// The report before claiming.
	report, err := em.Rewards(ctx, a.key.PublicKey())
	require.NoError(t, err)
	byEpoch := map[uint64]emission.EpochReward{}
	for _, e := range report.Epochs {
		byEpoch[e.Epoch] = e
	}
	assert.Equal(t, emission.EpochReward{Epoch: e1, Live: true, Status: "live; claimable", Weight: a.weight, TotalWeight: totals[e1],
		SupplierAmount: mustSupplier(t, st, e1), Share: want[a.key.PublicKey()][e1], Claimable: true}, byEpoch[e1])
	assert.True(t, byEpoch[e2].Claimable)
	assert.Equal(t, "not live: no heartbeat recorded", byEpoch[e3].Status)
	assert.Equal(t, want[a.key.PublicKey()][e1]+want[a.key.PublicKey()][e2], report.Claimable)

	vaultBefore := localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault)

	// Each claim takes left * weight / weight_left of what its epoch has left, then removes its
	// amount and weight: the first claim of an epoch is the pro-rata share, the last takes
	// exactly what is left, so no rounding dust stays in the vault.
	type rest struct{ amount, weight uint64 }
	left := map[uint64]rest{}
	var minted uint64
	for epoch := range live {
		left[epoch] = rest{mustSupplier(t, st, epoch), totals[epoch]}
		minted += mustSupplier(t, st, epoch)
	}
	weights := map[solana.PublicKey]uint64{a.key.PublicKey(): a.weight, b.key.PublicKey(): b.weight, c.key.PublicKey(): c.weight}
	claimed := map[solana.PublicKey]map[uint64]uint64{}
	expect := func(key solana.PublicKey, epoch uint64) uint64 {
		l, w := left[epoch], weights[key]
		share := prorata(l.amount, w, l.weight)
		left[epoch] = rest{l.amount - share, l.weight - w}
		if claimed[key] == nil {
			claimed[key] = map[uint64]uint64{}
		}
		claimed[key][epoch] = share
		return share
	}

	// One claim: b's three epochs at once, each its exact share, paid in one transfer; the
	// liveness account stays, its entries cleared; only the fee moves in lamports.
	bIO := localnettest.TokenAccount(t, b.owner.PublicKey(), st.IoMint)
	ioBefore := localnettest.TokenBalance(t, em.Solana(), bIO)
	lamportsBefore := lamports(t, b.owner.PublicKey())
	claims, err := em.ClaimSupplierReward(ctx, b.owner, b.key.PublicKey())
	require.NoError(t, err)
	require.Len(t, claims, 3)
	recordComputeUnits(t, "claim_supplier_reward (3 epochs at once)", claims[0].Signature)
	require.Equal(t, want[b.key.PublicKey()][e1], claims[0].Amount, "the first claim of an epoch is the pro-rata share")
	var paid uint64
	for i, epoch := range []uint64{e1, e2, e3} {
		require.Equal(t, epoch, claims[i].Epoch, "oldest epoch first")
		require.Equal(t, expect(b.key.PublicKey(), epoch), claims[i].Amount, "epoch %d", epoch)
		paid += claims[i].Amount
	}
	require.Equal(t, paid, localnettest.TokenBalance(t, em.Solana(), bIO)-ioBefore)
	require.Equal(t, lamportsBefore-5_000, lamports(t, b.owner.PublicKey()), "one signature's fee paid, nothing else")
	l, err := em.FetchDeviceLiveness(ctx, b.key.PublicKey())
	require.NoError(t, err)
	for _, epoch := range []uint64{e1, e2, e3} {
		entry, ok := emission.Entry(l, epoch)
		require.True(t, ok)
		require.True(t, entry.Claimed, "epoch %d cleared", epoch)
	}

	// A second claim finds nothing to claim and changes nothing.
	ix, err := em.ClaimSupplierRewardInstruction(b.owner.PublicKey(), b.key.PublicKey(), bIO)
	require.NoError(t, err)
	bLiveness, err := emission.DeviceLivenessAddress(em.ProgramID, b.key.PublicKey())
	require.NoError(t, err)
	requireRejected(t, gen.Error_NoHeartbeat, []solana.PublicKey{em.Addresses.SupplierVault, em.Addresses.LivenessPool, bIO, bLiveness}, b.owner, []solana.Instruction{ix})
	_, err = em.ClaimSupplierReward(ctx, b.owner, b.key.PublicKey())
	require.ErrorIs(t, err, emission.ErrNothingToClaim)

	// Every other claimable epoch of each owner (a's owner has a and c: one claim each).
	for _, owner := range []solana.PrivateKey{a.owner, b.owner} {
		claims, err := em.ClaimAll(ctx, owner)
		require.NoError(t, err)
		for _, cl := range claims {
			require.Equal(t, expect(cl.DeviceKey, cl.Epoch), cl.Amount, "device %s epoch %d", cl.DeviceKey, cl.Epoch)
			paid += cl.Amount
		}
	}
	for epoch, l := range left {
		require.Equal(t, rest{}, l, "epoch %d: everything claimed, no dust left", epoch)
	}
	require.Equal(t, minted, paid, "the claims paid out the three epochs' supplier amounts exactly")
	require.Equal(t, paid, vaultBefore-localnettest.TokenBalance(t, em.Solana(), em.Addresses.SupplierVault))
	pool, err = em.FetchLivenessPool(ctx)
	require.NoError(t, err)
	require.Equal(t, paidBefore+paid, pool.Paid)
	for _, d := range []device{a, b, c} {
		l, err := em.FetchDeviceLiveness(ctx, d.key.PublicKey())
		require.NoError(t, err)
		require.Empty(t, emission.ClaimableEntries(st, pool, l), "every claim cleared its entries")
	}

	// The report after claiming shows what each claim paid.
	report, err = em.Rewards(ctx, a.key.PublicKey())
	require.NoError(t, err)
	for _, e := range report.Epochs {
		if e.Epoch == e1 || e.Epoch == e2 {
			assert.True(t, e.Claimed && e.Live && !e.Claimable, "epoch %d: %+v", e.Epoch, e)
			assert.Equal(t, claimed[a.key.PublicKey()][e.Epoch], e.Share)
		}
	}
	assert.Zero(t, report.Claimable)
}

func mustSupplier(t *testing.T, st *gen.EmissionState, epoch uint64) uint64 {
	t.Helper()
	amount, ok := emission.SupplierAmount(st, epoch)
	require.True(t, ok, "epoch %d not in the supplier ring", epoch)
	return amount
}

func lamports(t *testing.T, key solana.PublicKey) uint64 {
	t.Helper()
	res, err := em.Solana().RPC.GetBalance(localnettest.Context(t), key, "confirmed")
	require.NoError(t, err)
	return res.Value
}
