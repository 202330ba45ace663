package livenesstest

import (
	"math/big"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

const io = 100_000_000 // base units per IO

// costakeReady sets the staking program's co-staking parameters (defaults) once, the operator
// (the staking authority after the bootstrap) signing.
func costakeReady(t *testing.T) {
	t.Helper()
	ctx := localnettest.Context(t)
	if _, err := em.Staking.FetchCostakeParams(ctx); err == nil {
		return
	}
	operator, err := chain.Manifest.Distribution.Load()
	require.NoError(t, err)
	_, err = em.Staking.SetCostakeParams(ctx, operator, chain.Manifest.Mints.IO.Address,
		staking.DefaultMinOwnerFloorBps, staking.DefaultNoticeSeconds, staking.DefaultMaxCommissionBps)
	require.NoError(t, err)
}

// splitModel is the hand computation of a device offer's reward split, in big integers: the
// owner's commission, then the rest pro rata to all active stake; the co-stakers' part through
// a reward-per-share index of 10^18 fixed point, each settlement rounded down.
type splitModel struct {
	commissionBps, own int64
	shares             map[solana.PublicKey]*big.Int
	snap, unclaimed    map[solana.PublicKey]*big.Int
	index, owner       *big.Int
}

var scale = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

func newSplitModel(commissionBps, own int64) *splitModel {
	return &splitModel{commissionBps: commissionBps, own: own, shares: map[solana.PublicKey]*big.Int{},
		snap: map[solana.PublicKey]*big.Int{}, unclaimed: map[solana.PublicKey]*big.Int{}, index: new(big.Int), owner: new(big.Int)}
}

func (m *splitModel) active() *big.Int {
	sum := new(big.Int)
	for _, s := range m.shares {
		sum.Add(sum, s)
	}
	return sum
}

// settle is what the program does before a position's shares change and at its claims.
func (m *splitModel) settle(who solana.PublicKey) {
	if m.shares[who] == nil {
		m.shares[who], m.snap[who], m.unclaimed[who] = new(big.Int), new(big.Int), new(big.Int)
	}
	d := new(big.Int).Sub(m.index, m.snap[who])
	d.Mul(d, m.shares[who]).Quo(d, scale)
	m.unclaimed[who].Add(m.unclaimed[who], d)
	m.snap[who].Set(m.index)
}

func (m *splitModel) move(who solana.PublicKey, delta int64) {
	m.settle(who)
	m.shares[who].Add(m.shares[who], big.NewInt(delta))
}

func (m *splitModel) credit(amount uint64) {
	a := new(big.Int).SetUint64(amount)
	commission := new(big.Int).Mul(a, big.NewInt(m.commissionBps))
	commission.Quo(commission, big.NewInt(10_000))
	rest := new(big.Int).Sub(a, commission)
	active := m.active()
	total := new(big.Int).Add(active, big.NewInt(m.own))
	co := new(big.Int).Mul(rest, active)
	co.Quo(co, total)
	if active.Sign() > 0 && co.Sign() > 0 {
		m.index.Add(m.index, new(big.Int).Quo(new(big.Int).Mul(co, scale), active))
	}
	m.owner.Add(m.owner, commission).Add(m.owner, rest.Sub(rest, co))
}

// claim settles who and returns (and clears) what it is owed.
func (m *splitModel) claim(who solana.PublicKey) uint64 {
	m.settle(who)
	v := m.unclaimed[who].Uint64()
	m.unclaimed[who].SetUint64(0)
	return v
}

// liveEpoch has device d heartbeat in the current epoch, then mints it and credits its shared
// reward (anyone sends the claim: here payer); returns the amount credited, checked to be the
// epoch's whole supplier amount (d is alone in it).
func liveEpoch(t *testing.T, d device, payer solana.PrivateKey) *emission.Claim {
	t.Helper()
	ctx := localnettest.Context(t)
	ev := heartbeat(t, d)
	require.Equal(t, d.weight, ev.TotalWeight, "the device is alone in its epoch")
	nextEpoch(t)
	catchUp(t)
	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	supplier := mustSupplier(t, st, ev.Epoch)
	_, err = em.ClaimSupplierReward(ctx, d.owner, d.key.PublicKey())
	require.Equal(t, emissiongen.Error_RewardIsShared, emission.ErrorName(err), "the owner cannot take a shared reward alone: %v", err)
	claim, err := em.ClaimSharedSupplierReward(ctx, payer, d.key.PublicKey())
	require.NoError(t, err)
	recordComputeUnits(t, "claim_shared_supplier_reward", claim.Signature)
	require.Equal(t, ev.Epoch, claim.Epoch)
	require.Equal(t, supplier, claim.Amount)
	return claim
}

func ioBalance(t *testing.T, owner solana.PublicKey) uint64 {
	t.Helper()
	return localnettest.TokenBalance(t, em.Solana(), localnettest.TokenAccount(t, owner, chain.Manifest.Mints.IO.Address))
}

// TestCostakeRewardsSplitExactly: Dave's H100 with a 10% commission offer; Carol, Erin and Frank
// co-stake, leave and add over three epochs. Each epoch's supplier reward is credited to the
// offer (by a co-staker: the owner cannot claim it alone) and each party's claims match the
// big-integer hand computation to the base unit; what was credited is what was paid plus what
// is still claimable, less rounding dust of under one unit per position per settlement.
func TestCostakeRewardsSplitExactly(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := newDevice(t, nil, h100, 1, true) // 2,000 IO own stake
	key := dave.key.PublicKey()
	own := int64(2_000 * io)
	d, err := em.Staking.FetchDevice(ctx, key)
	require.NoError(t, err)
	require.Equal(t, uint64(own), d.Stake)
	_, err = em.Staking.OpenOffer(ctx, dave.owner, key, staking.OfferTerms{CommissionBps: 1_000, MaxCostake: 50_000 * io, MinOwnerBps: 1_000})
	require.NoError(t, err)
	carol := localnettest.NewWallet(t, chain, 3_000*io)
	erin := localnettest.NewWallet(t, chain, 5_000*io)
	frank := localnettest.NewWallet(t, chain, 11_000*io)
	m := newSplitModel(1_000, own)
	costake := func(who solana.PrivateKey, amount int64) {
		_, err := em.Staking.Costake(ctx, who, key, uint64(amount))
		require.NoError(t, err)
		m.move(who.PublicKey(), amount)
	}
	costake(carol, 3_000*io)
	costake(erin, 5_000*io)
	costake(frank, 10_000*io) // 18,000 co-stake: Dave's 2,000 are exactly the 10% floor

	var credited uint64
	credited += liveEpoch(t, dave, carol).Amount
	m.credit(credited)

	_, err = em.Staking.Uncostake(ctx, erin, key, 2_000*io)
	require.NoError(t, err)
	m.move(erin.PublicKey(), -2_000*io)
	before := ioBalance(t, carol.PublicKey())
	_, err = em.Staking.ClaimCostake(ctx, carol, key)
	require.NoError(t, err)
	require.Equal(t, before+m.claim(carol.PublicKey()), ioBalance(t, carol.PublicKey()), "Carol's first claim")

	a2 := liveEpoch(t, dave, erin).Amount
	m.credit(a2)
	credited += a2
	costake(frank, 1_000*io)
	a3 := liveEpoch(t, dave, frank).Amount
	m.credit(a3)
	credited += a3

	for _, who := range []solana.PrivateKey{carol, erin, frank} {
		before := ioBalance(t, who.PublicKey())
		_, err := em.Staking.ClaimCostake(ctx, who, key)
		require.NoError(t, err)
		require.Equal(t, before+m.claim(who.PublicKey()), ioBalance(t, who.PublicKey()), "%s's claim", who.PublicKey())
	}
	before = ioBalance(t, dave.owner.PublicKey())
	_, err = em.Staking.ClaimOfferReward(ctx, dave.owner, key)
	require.NoError(t, err)
	require.Equal(t, before+m.owner.Uint64(), ioBalance(t, dave.owner.PublicKey()), "Dave's commission and own-stake share")

	o, err := em.Staking.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, credited, o.Credited, "every epoch's supplier reward was credited")
	require.Equal(t, uint64(3), o.EpochsLive, "the reliability record counts the three live epochs")
	paid := o.OwnerClaimed + o.CostakeClaimed
	require.LessOrEqual(t, paid, credited, "never more paid than minted")
	require.Less(t, credited-paid, uint64(3*6), "rounding dust only")
	require.Zero(t, o.OwnerUnclaimed)
}

// TestCostakeCommissionRaiseEscaped: Dave announces a raise from 10% to 50%; Carol leaves during
// the notice period. After it the raise applies to Dave's next reward and Carol, cooling down,
// earns nothing of it.
func TestCostakeCommissionRaiseEscaped(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := newDevice(t, nil, rtx4070, 1, true) // 200 IO own stake
	key := dave.key.PublicKey()
	terms := staking.OfferTerms{CommissionBps: 1_000, MaxCostake: 1_800 * io, MinOwnerBps: 1_000}
	_, err := em.Staking.OpenOffer(ctx, dave.owner, key, terms)
	require.NoError(t, err)
	carol := localnettest.NewWallet(t, chain, 1_800*io)
	_, err = em.Staking.Costake(ctx, carol, key, 1_800*io)
	require.NoError(t, err)
	terms.CommissionBps = 5_000
	_, err = em.Staking.UpdateOffer(ctx, dave.owner, key, terms)
	require.NoError(t, err)
	o, err := em.Staking.FetchOffer(ctx, key)
	require.NoError(t, err)
	now, err := solanax.ChainTime(ctx, chain.RPC)
	require.NoError(t, err)
	require.Equal(t, uint64(1_000), staking.CommissionAt(o, now), "the raise waits")
	require.GreaterOrEqual(t, o.PendingTs, now+staking.DefaultNoticeSeconds-1)

	_, err = em.Staking.Uncostake(ctx, carol, key, 1_800*io) // escapes before the raise applies
	require.NoError(t, err)
	warpTo(t, o.PendingTs)
	claim := liveEpoch(t, dave, carol)
	amount := claim.Amount
	commission := new(big.Int).Mul(new(big.Int).SetUint64(amount), big.NewInt(5_000))
	commission.Quo(commission, big.NewInt(10_000))
	details, err := em.Solana().TransactionDetails(ctx, claim.Signature)
	require.NoError(t, err)
	require.Contains(t, staking.Events(details.Logs, em.Staking.ProgramID), &stakinggen.DeviceRewardCredited{DeviceKey: key,
		Commission: commission.Uint64(), OwnerShare: amount - commission.Uint64(), CostakeShare: 0}, "the raised commission applied")
	o, err = em.Staking.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, uint64(5_000), o.CommissionBps, "the raise applied")
	require.Equal(t, amount, o.OwnerUnclaimed, "all to Dave: his commission and his own stake's share")
	require.Zero(t, o.CostakeCredited, "Carol left before the raise: nothing of it is hers")
	p, err := em.Staking.FetchCostakePosition(ctx, key, carol.PublicKey())
	require.NoError(t, err)
	require.Zero(t, staking.ViewCostake(o, p).Claimable)
	require.Equal(t, uint64(1_800*io), staking.ViewCostake(o, p).Cooling)
}

// withAccount is ix with account index replaced by with.
func withAccount(t *testing.T, ix solana.Instruction, index int, with solana.PublicKey) solana.Instruction {
	t.Helper()
	metas := make(solana.AccountMetaSlice, len(ix.Accounts()))
	for i, m := range ix.Accounts() {
		copied := *m
		metas[i] = &copied
	}
	metas[index].PublicKey = with
	data, err := ix.Data()
	require.NoError(t, err)
	return solana.NewInstruction(ix.ProgramID(), metas, data)
}

// TestSharedClaims: a device with an offer live in two epochs; its shared claims, sent by anyone,
// each credit one epoch (two instructions in one transaction: both epochs, each its exact share,
// the offer counting two live epochs). Hostile claims fail with nothing but the fee moved: an
// owner account other than the recorded owner, another device's staking account, a device
// without an offer (its rewards are its owner's), and a claim after both epochs were credited.
func TestSharedClaims(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := newDevice(t, nil, rtx4070, 1, true)
	plain := newDevice(t, nil, rtx4070, 1, true)
	key := dave.key.PublicKey()
	_, err := em.Staking.OpenOffer(ctx, dave.owner, key, staking.OfferTerms{CommissionBps: 1_000, MaxCostake: 1_800 * io, MinOwnerBps: 1_000})
	require.NoError(t, err)
	e1 := currentEpoch(t)
	heartbeat(t, dave)
	heartbeat(t, plain)
	e2 := nextEpoch(t)
	heartbeat(t, dave)
	nextEpoch(t)
	catchUp(t)

	st, err := em.FetchState(ctx)
	require.NoError(t, err)
	pool, err := em.FetchLivenessPool(ctx)
	require.NoError(t, err)
	want := map[uint64]uint64{}
	for _, e := range []uint64{e1, e2} {
		total, ok := emission.TotalWeight(pool, e)
		require.True(t, ok)
		want[e] = prorata(mustSupplier(t, st, e), dave.weight, total)
	}
	require.Equal(t, mustSupplier(t, st, e2), want[e2], "alone in e2")

	sender := localnettest.NewWallet(t, chain, 0)
	shared := func(owner, deviceKey solana.PublicKey) solana.Instruction {
		ix, err := em.ClaimSharedSupplierRewardInstruction(owner, deviceKey, st.IoMint)
		require.NoError(t, err)
		return ix
	}
	liveness, err := emission.DeviceLivenessAddress(em.ProgramID, key)
	require.NoError(t, err)
	plainLiveness, err := emission.DeviceLivenessAddress(em.ProgramID, plain.key.PublicKey())
	require.NoError(t, err)
	offer, err := staking.OfferAddress(em.Staking.ProgramID, key)
	require.NoError(t, err)
	_, costakeVault, err := staking.CostakeAddresses(em.Staking.ProgramID)
	require.NoError(t, err)
	plainDevice, err := staking.DeviceAddress(em.Staking.ProgramID, plain.key.PublicKey())
	require.NoError(t, err)
	watch := []solana.PublicKey{liveness, plainLiveness, em.Addresses.LivenessPool, em.Addresses.SupplierVault, offer, costakeVault}
	const deviceIndex = 8 // claim_shared_supplier_reward's staking Device (programs-idl/emission.json)

	requireRejected(t, emissiongen.Error_WrongLivenessOwner, watch, sender, []solana.Instruction{shared(sender.PublicKey(), key)})
	requireRejected(t, emissiongen.Error_WrongDevice, watch, sender,
		[]solana.Instruction{withAccount(t, shared(dave.owner.PublicKey(), key), deviceIndex, plainDevice)})
	requireRejected(t, emissiongen.Error_RewardNotShared, watch, sender, []solana.Instruction{shared(plain.owner.PublicKey(), plain.key.PublicKey())})

	before, err := em.Staking.FetchOffer(ctx, key)
	require.NoError(t, err)
	vaultBefore := localnettest.TokenBalance(t, em.Solana(), costakeVault)
	res, err := em.Send(ctx, sender, []solana.Instruction{shared(dave.owner.PublicKey(), key), shared(dave.owner.PublicKey(), key)})
	require.NoError(t, err)
	details, err := res.Details(ctx)
	require.NoError(t, err)
	got := map[uint64]uint64{}
	for _, ev := range emission.Events(details.Logs, em.ProgramID) {
		if c, ok := ev.(*emissiongen.SupplierRewardClaimed); ok {
			got[c.Epoch] = c.Amount
		}
	}
	require.Equal(t, want, got, "one epoch per instruction, each its exact share")
	after, err := em.Staking.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, before.EpochsLive+2, after.EpochsLive, "credited epoch by epoch")
	require.Equal(t, before.Credited+want[e1]+want[e2], after.Credited)
	require.Equal(t, want[e1]+want[e2], localnettest.TokenBalance(t, em.Solana(), costakeVault)-vaultBefore)

	requireRejected(t, emissiongen.Error_NoHeartbeat, watch, sender, []solana.Instruction{shared(dave.owner.PublicKey(), key)})
	_, err = em.ClaimSupplierReward(ctx, dave.owner, key)
	require.Equal(t, emissiongen.Error_NoHeartbeat, emission.ErrorName(err), "nothing left for the owner either: %v", err)
}
