package staking

import (
	"math/big"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// costakeReady sets the co-staking parameters up once (defaults), over pre-funded addresses.
func costakeReady(t *testing.T) {
	t.Helper()
	ctx := localnettest.Context(t)
	if _, err := stk.FetchCostakeParams(ctx); err == nil {
		return
	}
	params, vault, err := CostakeAddresses(stk.ProgramID)
	require.NoError(t, err)
	localnettest.Prefund(t, chain, params, localnettest.PrefundAboveRent)
	localnettest.Prefund(t, chain, vault, localnettest.PrefundBelowRent)
	_, err = stk.SetCostakeParams(ctx, authority, ioMint, DefaultMinOwnerFloorBps, DefaultNoticeSeconds, DefaultMaxCommissionBps)
	require.NoError(t, err)
	localnettest.RequireCreated(t, chain, params, stk.ProgramID, localnettest.PrefundAboveRent)
	localnettest.RequireCreated(t, chain, vault, solana.TokenProgramID, localnettest.PrefundBelowRent)
	p, err := stk.FetchCostakeParams(ctx)
	require.NoError(t, err)
	require.Equal(t, vault, p.Vault)
	require.Equal(t, uint64(DefaultMinOwnerFloorBps), p.MinOwnerFloorBps)
}

// offerDevice registers a device of dave's with own stake and an open offer of terms.
func offerDevice(t *testing.T, dave solana.PrivateKey, own uint64, terms OfferTerms) solana.PublicKey {
	t.Helper()
	ctx := localnettest.Context(t)
	key := solana.NewWallet().PrivateKey
	_, err := stk.RegisterDevice(ctx, dave, key, 0, 1)
	require.NoError(t, err)
	_, err = stk.StakeDevice(ctx, dave, key.PublicKey(), own)
	require.NoError(t, err)
	_, err = stk.OpenOffer(ctx, dave, key.PublicKey(), terms)
	require.NoError(t, err)
	return key.PublicKey()
}

func offerAddr(t testing.TB, deviceKey solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := OfferAddress(stk.ProgramID, deviceKey)
	require.NoError(t, err)
	return addr
}

func costakeAddr(t testing.TB, deviceKey, staker solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := CostakePositionAddress(stk.ProgramID, deviceKey, staker)
	require.NoError(t, err)
	return addr
}

// requireCostakeSums checks the device's stake is the owner's own plus every position's active
// co-stake, and returns the offer.
func requireCostakeSums(t *testing.T, deviceKey solana.PublicKey, own uint64, stakers ...solana.PrivateKey) *gen.DeviceOffer {
	t.Helper()
	ctx := localnettest.Context(t)
	d, err := stk.FetchDevice(ctx, deviceKey)
	require.NoError(t, err)
	o, err := stk.FetchOffer(ctx, deviceKey)
	require.NoError(t, err)
	var sum uint64
	for _, s := range stakers {
		p, err := stk.FetchCostakePosition(ctx, deviceKey, s.PublicKey())
		require.NoError(t, err)
		sum += ViewCostake(o, p).Active
	}
	require.Equal(t, own, OwnerStake(d, o), "owner's own stake")
	// Exact until a slash; after one, each position's value rounds down (less than one base
	// unit each), and the last to leave takes what is left.
	require.LessOrEqual(t, sum, o.ActiveAmount, "the positions never hold more than the pool")
	require.Less(t, o.ActiveAmount-sum, uint64(len(stakers))+1, "rounding dust only")
	require.Equal(t, d.Stake, own+o.ActiveAmount, "device stake = own + co-stake")
	return o
}

// TestCostakeLifecycle: Dave offers co-staking on his device; Carol, Erin and Frank co-stake up
// to the cap and the owner's 10% floor; jobs' reserve stops co-stake leaving beyond the free
// part; a slash takes Dave's own stake first, then co-stake pro rata (hand-computed); closing
// the offer starts everyone's cooldown and each withdraws what is left.
func TestCostakeLifecycle(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := localnettest.NewWallet(t, chain, 2_000*IO)
	carol := localnettest.NewWallet(t, chain, 3_000*IO)
	erin := localnettest.NewWallet(t, chain, 5_000*IO)
	frank := localnettest.NewWallet(t, chain, 2_000*IO)
	key := offerDevice(t, dave, 1_000*IO, OfferTerms{CommissionBps: 1_000, MaxCostake: 9_000 * IO, MinOwnerBps: 1_000})

	// The position's address, pre-funded, does not block Carol's first co-stake.
	localnettest.Prefund(t, chain, costakeAddr(t, key, carol.PublicKey()), localnettest.PrefundAboveRent)
	for _, c := range []struct {
		who    solana.PrivateKey
		amount uint64
	}{{carol, 3_000 * IO}, {erin, 5_000 * IO}, {frank, 1_000 * IO}} {
		res, err := stk.Costake(ctx, c.who, key, c.amount)
		require.NoError(t, err)
		details, err := res.Details(ctx)
		require.NoError(t, err)
		require.Contains(t, Events(details.Logs, stk.ProgramID),
			&gen.CostakeMoved{DeviceKey: key, Staker: c.who.PublicKey(), Joined: 1, Amount: c.amount})
	}
	localnettest.RequireCreated(t, chain, costakeAddr(t, key, carol.PublicKey()), stk.ProgramID, localnettest.PrefundAboveRent)
	o := requireCostakeSums(t, key, 1_000*IO, carol, erin, frank)
	require.Equal(t, uint64(9_000*IO), o.ActiveAmount, "no slash yet: exact")
	_, err := stk.Costake(ctx, frank, key, 1)
	require.Equal(t, gen.Error_CostakeCapExceeded, ErrorName(err), "%v", err)

	// Jobs hold 9,500 IO of the 10,000: Carol may take out only the free 500.
	device := deviceAddr(t, key)
	reserve := func(hold bool, amount uint64) {
		ix, err := gen.NewReleaseDeviceStakeInstruction(amount, OutcomeCompleted, slasher.PublicKey(), stk.Addresses.Config, device)
		if err == nil {
			ix, err = stk.withOffer(ix, key) // the device has an offer: the outcome is recorded there
		}
		if hold {
			ix, err = gen.NewReserveDeviceStakeInstruction(amount, slasher.PublicKey(), stk.Addresses.Config, device)
		}
		ix, err = anchor.At("staking", stk.ProgramID, ix, err)
		require.NoError(t, err)
		_, err = stk.Send(ctx, slasher, []solana.Instruction{ix})
		require.NoError(t, err)
	}
	reserve(true, 9_500*IO)
	uncostake := localnettest.MustIx(t)(stk.UncostakeInstruction(carol.PublicKey(), key, 500*IO+1))
	watch := []solana.PublicKey{device, offerAddr(t, key), costakeAddr(t, key, carol.PublicKey()), stk.Addresses.Config}
	requireRejected(t, gen.Error_StakeReservedForJobs, watch, carol, uncostake)
	withCooldown(t, 0, func() {
		_, err = stk.Uncostake(ctx, carol, key, 500*IO)
		require.NoError(t, err)
	})
	reserve(false, 9_500*IO)
	o, err = stk.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, uint64(1), o.JobsCompleted, "the release's outcome is in the reliability record")

	// Dave's own unstakes: never co-stake, never below 10% of what stays.
	_, err = stk.UnstakeDevice(ctx, dave, key, 1_000*IO+1)
	require.Equal(t, gen.Error_InsufficientStake, ErrorName(err), "%v", err)
	_, err = stk.UnstakeDevice(ctx, dave, key, 100*IO)
	require.Equal(t, gen.Error_OwnerShareTooLow, ErrorName(err), "%v", err)

	// Slash 1,500 IO: Dave's 1,000 first, then 500 pro rata over co-stake active (8,500) and
	// cooling (Carol's 500).
	prover := localnettest.NewWallet(t, chain, IO)
	beneficiary := localnettest.TokenAccount(t, prover.PublicKey(), ioMint)
	res, err := stk.Slash(ctx, slasher, key, beneficiary, 1_500*IO)
	require.NoError(t, err)
	active := new(big.Int).Mul(big.NewInt(500*IO), big.NewInt(8_500*IO))
	active.Quo(active, big.NewInt(9_000*IO))
	details, err := res.Details(ctx)
	require.NoError(t, err)
	require.Contains(t, Events(details.Logs, stk.ProgramID), &gen.CostakeSlashed{DeviceKey: key, Owner: dave.PublicKey(),
		OwnerActive: 1_000 * IO, CostakeActive: active.Uint64(), CostakeCooling: 500*IO - active.Uint64()})
	o = requireCostakeSums(t, key, 0, carol, erin, frank)
	require.Equal(t, uint64(1_000*IO), o.SlashedOwner)
	require.Equal(t, uint64(500*IO), o.SlashedCostake)
	_, err = stk.Costake(ctx, frank, key, IO)
	require.Equal(t, gen.Error_OwnerShareTooLow, ErrorName(err), "no own stake left: no new co-stake")

	// Closing starts everyone's cooldown; each then withdraws what the slash left of its stake.
	withCooldown(t, 0, func() {
		_, err = stk.CloseOffer(ctx, dave, key)
		require.NoError(t, err)
	})
	d, err := stk.FetchDevice(ctx, key)
	require.NoError(t, err)
	require.Zero(t, d.Stake, "co-stake left the device's active stake")
	o, err = stk.FetchOffer(ctx, key)
	require.NoError(t, err)
	var paid uint64
	for _, s := range []solana.PrivateKey{carol, erin, frank} {
		p, err := stk.FetchCostakePosition(ctx, key, s.PublicKey())
		require.NoError(t, err)
		want := ViewCostake(o, p).Cooling
		token := localnettest.TokenAccount(t, s.PublicKey(), ioMint)
		before := localnettest.TokenBalance(t, stk.sx, token)
		_, err = stk.WithdrawCostake(ctx, s, key)
		require.NoError(t, err)
		require.Equal(t, before+want, localnettest.TokenBalance(t, stk.sx, token))
		paid += want
		o, err = stk.FetchOffer(ctx, key)
		require.NoError(t, err)
	}
	require.Equal(t, uint64(9_000*IO-500*IO), paid, "every co-staker's stake after the slash, to the base unit")
	require.Zero(t, o.ActiveAmount+o.CoolingAmount, "the pools are empty")
	_, err = stk.WithdrawCostake(ctx, carol, key)
	require.Equal(t, gen.Error_NothingToWithdraw, ErrorName(err), "%v", err)

	// Everyone has left the closed offer: Dave may open it again, with new terms.
	_, err = stk.OpenOffer(ctx, dave, key, OfferTerms{CommissionBps: 200, MaxCostake: IO, MinOwnerBps: 2_000})
	require.NoError(t, err)
	o, err = stk.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, []uint64{200, IO, 2_000, 0}, []uint64{o.CommissionBps, o.MaxCostake, o.MinOwnerBps, uint64(o.ClosedUnlockTs)})
}

// TestCostakeCommissionNotice: a raise waits out the notice period; a cut applies at once and
// drops a pending raise.
func TestCostakeCommissionNotice(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := localnettest.NewWallet(t, chain, 1_000*IO)
	key := offerDevice(t, dave, 1_000*IO, OfferTerms{CommissionBps: 1_000, MaxCostake: 1_000 * IO, MinOwnerBps: 1_000})
	_, err := stk.UpdateOffer(ctx, dave, key, OfferTerms{CommissionBps: 3_000, MaxCostake: 1_000 * IO, MinOwnerBps: 1_000})
	require.NoError(t, err)
	o, err := stk.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, uint64(1_000), o.CommissionBps, "a raise does not apply yet")
	require.Equal(t, uint64(3_000), o.PendingCommissionBps)
	require.Equal(t, uint64(1_000), CommissionAt(o, o.PendingTs-1))
	require.Equal(t, uint64(3_000), CommissionAt(o, o.PendingTs))
	_, err = stk.UpdateOffer(ctx, dave, key, OfferTerms{CommissionBps: 500, MaxCostake: 1_000 * IO, MinOwnerBps: 1_000})
	require.NoError(t, err)
	o, err = stk.FetchOffer(ctx, key)
	require.NoError(t, err)
	require.Equal(t, []uint64{500, 0}, []uint64{o.CommissionBps, uint64(o.PendingTs)}, "a cut applies at once and drops the raise")
}

// TestCostakeRejected: every hostile or mistaken co-staking instruction lands, fails with its
// error and changes nothing but the payer's fee.
func TestCostakeRejected(t *testing.T) {
	costakeReady(t)
	ctx := localnettest.Context(t)
	dave := localnettest.NewWallet(t, chain, 2_000*IO)
	carol := localnettest.NewWallet(t, chain, 2_000*IO)
	mallory := localnettest.NewWallet(t, chain, 2_000*IO)
	terms := OfferTerms{CommissionBps: 1_000, MaxCostake: 5_000 * IO, MinOwnerBps: 1_000}
	key := offerDevice(t, dave, 500*IO, terms)
	other := offerDevice(t, mallory, 500*IO, terms)
	_, err := stk.Costake(ctx, carol, key, 1_000*IO)
	require.NoError(t, err)
	_, err = stk.Costake(ctx, mallory, key, 100*IO)
	require.NoError(t, err)
	// A device of Dave's without an offer yet, its offer address pre-funded.
	plainKey := solana.NewWallet().PrivateKey
	_, err = stk.RegisterDevice(ctx, dave, plainKey, 0, 1)
	require.NoError(t, err)
	plain := plainKey.PublicKey()
	localnettest.Prefund(t, chain, offerAddr(t, plain), localnettest.PrefundBelowRent)

	must := localnettest.MustIx(t)
	carolToken := localnettest.TokenAccount(t, carol.PublicKey(), ioMint)
	malloryToken := localnettest.TokenAccount(t, mallory.PublicKey(), ioMint)
	// swap replaces account i of ix with addr.
	swap := func(ixs []solana.Instruction, i int, addr solana.PublicKey) []solana.Instruction {
		accounts := append(solana.AccountMetaSlice{}, ixs[0].Accounts()...)
		accounts[i] = solana.Meta(addr).WRITE()
		data, err := ixs[0].Data()
		require.NoError(t, err)
		return []solana.Instruction{solana.NewInstruction(stk.ProgramID, accounts, data)}
	}
	ledger, err := stk.FetchBurnLedger(ctx)
	require.NoError(t, err)
	params, vault, err := CostakeAddresses(stk.ProgramID)
	require.NoError(t, err)
	credit, err := gen.NewCreditDeviceRewardInstruction(IO, mallory.PublicKey(), stk.Addresses.Config, params, deviceAddr(t, key), offerAddr(t, key),
		malloryToken, vault, ioMint, solana.TokenProgramID)
	creditIx := must(anchor.At("staking", stk.ProgramID, credit, err))
	// offerTwice is a slash with the device's offer appended twice.
	offerTwice := func(ix solana.Instruction, err error) (solana.Instruction, error) {
		if err == nil {
			ix, err = stk.withOffer(ix, key)
		}
		if err == nil {
			ix, err = stk.withOffer(ix, key)
		}
		return ix, err
	}
	watch := []solana.PublicKey{stk.Addresses.Config, deviceAddr(t, key), offerAddr(t, key), deviceAddr(t, other), offerAddr(t, other),
		costakeAddr(t, key, carol.PublicKey()), costakeAddr(t, key, mallory.PublicKey()), params, vault, stk.Addresses.StakeVault}
	cases := []struct {
		name  string
		want  string
		payer solana.PrivateKey
		ixs   []solana.Instruction
	}{
		{"set params: not the authority", gen.Error_Unauthorized, mallory, must(stk.SetCostakeParamsInstruction(mallory.PublicKey(), mallory.PublicKey(), ioMint, 1_000, DefaultNoticeSeconds, 5_000))},
		{"set params: floor below 5%", gen.Error_InvalidCostakeParams, authority, must(stk.SetCostakeParamsInstruction(authority.PublicKey(), authority.PublicKey(), ioMint, 499, DefaultNoticeSeconds, 5_000))},
		{"set params: notice under a day", gen.Error_InvalidCostakeParams, authority, must(stk.SetCostakeParamsInstruction(authority.PublicKey(), authority.PublicKey(), ioMint, 1_000, 3_600, 5_000))},
		{"set params: commission cap above 50%", gen.Error_InvalidCostakeParams, authority, must(stk.SetCostakeParamsInstruction(authority.PublicKey(), authority.PublicKey(), ioMint, 1_000, DefaultNoticeSeconds, 5_001))},
		{"update params: not the authority", gen.Error_Unauthorized, mallory, must(stk.UpdateCostakeParamsInstruction(mallory.PublicKey(), CostakeSettings{MinOwnerFloorBps: 1_000, NoticeSeconds: DefaultNoticeSeconds, MaxCommissionBps: 5_000}))},
		{"update params: notice above 30 days", gen.Error_InvalidCostakeParams, authority, must(stk.UpdateCostakeParamsInstruction(authority.PublicKey(), CostakeSettings{MinOwnerFloorBps: 1_000, NoticeSeconds: 31 * 24 * 3600, MaxCommissionBps: 5_000}))},
		{"open: another's device", gen.Error_WrongOwner, mallory, must(stk.OpenOfferInstruction(mallory.PublicKey(), plain, terms))},
		{"open: commission above the maximum", gen.Error_CommissionTooHigh, dave, must(stk.OpenOfferInstruction(dave.PublicKey(), plain, OfferTerms{CommissionBps: 5_001, MaxCostake: IO, MinOwnerBps: 1_000}))},
		{"open: owner share below the floor", gen.Error_OwnerShareTooLow, dave, must(stk.OpenOfferInstruction(dave.PublicKey(), plain, OfferTerms{MaxCostake: IO, MinOwnerBps: 999}))},
		{"open: twice", gen.Error_OfferExists, dave, must(stk.OpenOfferInstruction(dave.PublicKey(), key, terms))},
		{"update: another's offer", gen.Error_WrongOwner, mallory, must(stk.UpdateOfferInstruction(mallory.PublicKey(), key, terms))},
		{"update: another device's offer", gen.Error_WrongOffer, dave, swap(must(stk.UpdateOfferInstruction(dave.PublicKey(), key, terms)), 3, offerAddr(t, other))},
		{"update: commission above the maximum", gen.Error_CommissionTooHigh, dave, must(stk.UpdateOfferInstruction(dave.PublicKey(), key, OfferTerms{CommissionBps: 6_000, MaxCostake: IO, MinOwnerBps: 1_000}))},
		{"close: another's offer", gen.Error_WrongOwner, mallory, must(stk.CloseOfferInstruction(mallory.PublicKey(), key))},
		{"costake: the owner", gen.Error_OwnerCannotCostake, dave, must(stk.CostakeInstruction(dave.PublicKey(), key, localnettest.TokenAccount(t, dave.PublicKey(), ioMint), IO))},
		{"costake: another device's offer", gen.Error_WrongOffer, carol, swap(must(stk.CostakeInstruction(carol.PublicKey(), key, carolToken, IO)), 3, offerAddr(t, other))},
		{"costake: owner below the floor", gen.Error_OwnerShareTooLow, carol, must(stk.CostakeInstruction(carol.PublicKey(), key, carolToken, 3_500*IO))},
		{"costake: into another's position", gen.Error_WrongCostakePosition, carol, swap(must(stk.CostakeInstruction(carol.PublicKey(), key, carolToken, IO)), 4, costakeAddr(t, key, mallory.PublicKey()))},
		{"uncostake: another's position", gen.Error_WrongCostakePosition, mallory, swap(must(stk.UncostakeInstruction(mallory.PublicKey(), key, IO)), 4, costakeAddr(t, key, carol.PublicKey()))},
		{"uncostake: more than the position", gen.Error_InsufficientStake, mallory, must(stk.UncostakeInstruction(mallory.PublicKey(), key, 100*IO+1))},
		{"uncostake: wrong device", gen.Error_WrongOffer, carol, swap(must(stk.UncostakeInstruction(carol.PublicKey(), key, IO)), 2, deviceAddr(t, other))},
		{"withdraw: another's position", gen.Error_WrongCostakePosition, mallory, swap(must(stk.WithdrawCostakeInstruction(mallory.PublicKey(), key, malloryToken)), 3, costakeAddr(t, key, carol.PublicKey()))},
		{"withdraw: nothing cooling", gen.Error_NothingToWithdraw, carol, must(stk.WithdrawCostakeInstruction(carol.PublicKey(), key, carolToken))},
		{"claim: another's position", gen.Error_WrongCostakePosition, mallory, swap(must(stk.ClaimCostakeInstruction(mallory.PublicKey(), key, malloryToken)), 7, costakeAddr(t, key, carol.PublicKey()))},
		{"claim: nothing earned", gen.Error_NothingToClaim, carol, must(stk.ClaimCostakeInstruction(carol.PublicKey(), key, carolToken))},
		{"owner claim: not the owner", gen.Error_WrongOwner, mallory, must(stk.ClaimOfferRewardInstruction(mallory.PublicKey(), key, malloryToken))},
		{"credit: not the IO mint authority", gen.Error_NotEmissionProgram, mallory, creditIx},
		{"unstake device: offer account left out", gen.Error_OfferAccountMissing, dave, must(stk.UnstakeDeviceInstruction(dave.PublicKey(), key, IO))},
		{"slash: offer account left out", gen.Error_OfferAccountMissing, slasher, must(stk.SlashInstruction(slasher.PublicKey(), key, ioMint, malloryToken, IO, ledger))},
		{"slash: the offer passed twice", gen.Error_WrongAccountType, slasher, must(offerTwice(stk.SlashInstruction(slasher.PublicKey(), key, ioMint, malloryToken, IO, ledger)))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireRejected(t, c.want, watch, c.payer, c.ixs)
		})
	}

	// The pre-funded offer address does not block opening an offer there.
	_, err = stk.OpenOffer(ctx, dave, plain, terms)
	require.NoError(t, err)
	localnettest.RequireCreated(t, chain, offerAddr(t, plain), stk.ProgramID, localnettest.PrefundBelowRent)
	d, err := stk.FetchDevice(ctx, plain)
	require.NoError(t, err)
	require.Equal(t, uint8(1), d.Offer)
}
