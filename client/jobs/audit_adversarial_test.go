package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// Hostile transactions against the audit instructions: each lands, fails with the named error
// and changes nothing but the payer's fee (requireLandedRejected).

// withAccount is ix with its account at index replaced by key (same flags).
func withAccount(t *testing.T, ixs []solana.Instruction, index int, key solana.PublicKey) []solana.Instruction {
	t.Helper()
	ix := ixs[len(ixs)-1]
	data, err := ix.Data()
	require.NoError(t, err)
	accounts := append(solana.AccountMetaSlice{}, ix.Accounts()...)
	meta := *accounts[index]
	meta.PublicKey = key
	accounts[index] = &meta
	return append(append([]solana.Instruction{}, ixs[:len(ixs)-1]...), solana.NewInstruction(ix.ProgramID(), accounts, data))
}

// withoutTail is ix without its last n accounts.
func withoutTail(t *testing.T, ixs []solana.Instruction, n int) []solana.Instruction {
	t.Helper()
	ix := ixs[len(ixs)-1]
	data, err := ix.Data()
	require.NoError(t, err)
	accounts := ix.Accounts()
	return []solana.Instruction{solana.NewInstruction(ix.ProgramID(), accounts[:len(accounts)-n], data)}
}

func checkerAddr(t *testing.T, owner solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := CheckerAddress(jc.ProgramID, owner)
	require.NoError(t, err)
	return addr
}

func ioToken(t *testing.T, owner solana.PublicKey) solana.PublicKey {
	return localnettest.TokenAccount(t, owner, ioMint)
}

func TestCheckerRegistryAdversarial(t *testing.T) {
	ctx := localnettest.Context(t)
	rtx := ClassBit(classIndex(t, "RTX4090"))
	victim := newChecker(t, testChecker, "RTX4090")
	attacker := newChecker(t, testChecker, "RTX4090")
	newcomer := newWallet(t, 2*testChecker, 0)
	key := solana.NewWallet().PublicKey()
	ix := localnettest.MustIx(t)
	watch := []solana.PublicKey{checkerAddr(t, victim.key()), checkerAddr(t, newcomer.PublicKey()), jc.Registry, jc.CheckerVault}
	cases := []struct {
		name, want string
		payer      solana.PrivateKey
		ixs        []solana.Instruction
	}{
		{"stake below the minimum", gen.Error_CheckerStakeTooLow, newcomer,
			ix(jc.RegisterCheckerInstruction(newcomer.PublicKey(), ioToken(t, newcomer.PublicKey()), key, rtx, testChecker-1))},
		{"zero verdict key", gen.Error_InvalidCheckerArgs, newcomer,
			ix(jc.RegisterCheckerInstruction(newcomer.PublicKey(), ioToken(t, newcomer.PublicKey()), solana.PublicKey{}, rtx, testChecker))},
		{"no GPU class", gen.Error_InvalidCheckerArgs, newcomer,
			ix(jc.RegisterCheckerInstruction(newcomer.PublicKey(), ioToken(t, newcomer.PublicKey()), key, 0, testChecker))},
		{"stake from another's account", gen.Error_WrongOwner, newcomer,
			ix(jc.RegisterCheckerInstruction(newcomer.PublicKey(), ioToken(t, victim.key()), key, rtx, testChecker))},
		{"the attacker's account as the vault", gen.Error_WrongVault, newcomer,
			withAccount(t, ix(jc.RegisterCheckerInstruction(newcomer.PublicKey(), ioToken(t, newcomer.PublicKey()), key, rtx, testChecker)), 4, ioToken(t, attacker.key()))},
		{"registered twice", gen.Error_CheckerExists, victim.owner,
			ix(jc.RegisterCheckerInstruction(victim.key(), ioToken(t, victim.key()), key, rtx, testChecker))},
		{"leave another's checker", gen.Error_WrongChecker, attacker.owner,
			withAccount(t, ix(jc.LeaveCheckersInstruction(attacker.key())), 2, checkerAddr(t, victim.key()))},
		{"withdraw while registered", gen.Error_CheckerRegistered, victim.owner,
			ix(jc.WithdrawCheckerInstruction(victim.key(), ioToken(t, victim.key())))},
		{"withdraw another's checker", gen.Error_WrongChecker, attacker.owner,
			withAccount(t, ix(jc.WithdrawCheckerInstruction(attacker.key(), ioToken(t, attacker.key()))), 2, checkerAddr(t, victim.key()))},
		{"claim another's rewards", gen.Error_WrongChecker, attacker.owner,
			withAccount(t, ix(jc.ClaimCheckerRewardsInstruction(attacker.key(), ioToken(t, attacker.key()))), 2, checkerAddr(t, victim.key()))},
		{"rewards to another's account", gen.Error_WrongOwner, victim.owner,
			ix(jc.ClaimCheckerRewardsInstruction(victim.key(), ioToken(t, attacker.key())))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			requireLandedRejected(t, tc.want, watch, tc.payer, tc.ixs)
		})
	}

	// Leaving starts the staking cooldown; the stake comes back only after it.
	_, err := jc.LeaveCheckers(ctx, victim.owner)
	require.NoError(t, err)
	requireLandedRejected(t, gen.Error_NotRegistered, watch, victim.owner, ix(jc.LeaveCheckersInstruction(victim.key())))
	withdraw := ix(jc.WithdrawCheckerInstruction(victim.key(), ioToken(t, victim.key())))
	requireLandedRejected(t, gen.Error_CheckerCoolingDown, watch, victim.owner, withdraw)
	c := fetchChecker(t, victim.key())
	warp(t, c.UnlockTs-chainNow(t))
	before := balances(t, ioToken(t, victim.key()), jc.CheckerVault)
	_, err = jc.WithdrawChecker(ctx, victim.owner)
	require.NoError(t, err)
	require.Equal(t, []uint64{before[0] + testChecker, before[1] - testChecker}, balances(t, ioToken(t, victim.key()), jc.CheckerVault))
	_, err = jc.FetchChecker(ctx, victim.key())
	require.ErrorIs(t, err, ErrNotFound, "the Checker closed")
}

// Lamports sent beforehand to a Checker's or an Audit's address do not block its creation.
func TestPrefundedCheckerAndAudit(t *testing.T) {
	for _, p := range localnettest.Prefunds {
		t.Run(p.Name, func(t *testing.T) {
			owner := newWallet(t, 2*testChecker, 0)
			addr := checkerAddr(t, owner.PublicKey())
			localnettest.Prefund(t, chain, addr, p.Lamports)
			_, err := jc.RegisterChecker(localnettest.Context(t), owner, solana.NewWallet().PublicKey(), ClassBit(classIndex(t, "RTX4090")), testChecker)
			require.NoError(t, err)
			t.Cleanup(func() { leaveIfRegistered(t, owner) })
			localnettest.RequireCreated(t, chain, addr, jc.ProgramID, p.Lamports)

			cfg, err := jc.FetchConfig(localnettest.Context(t))
			require.NoError(t, err)
			job := jobAddr(t, cfg.NextJobId)
			audit, err := AuditAddress(jc.ProgramID, job)
			require.NoError(t, err)
			localnettest.Prefund(t, chain, audit, p.Lamports)
			_, _, _, id := auditedJob(t, specHash(t, "result"))
			require.Equal(t, job, jobAddr(t, id))
			localnettest.RequireCreated(t, chain, audit, jc.ProgramID, p.Lamports)
		})
	}
}

func TestAuditStepsAdversarial(t *testing.T) {
	ctx := localnettest.Context(t)
	honest := specHash(t, "result")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	_, owner, _, id := auditedJob(t, honest)
	ix := localnettest.MustIx(t)
	job, audit := fetchJob(t, id), fetchAudit(t, id)
	pick, ok, err := jc.NextPick(ctx, job, audit)
	require.NoError(t, err)
	require.True(t, ok)
	other := checkers[0]
	if other.key() == pick {
		other = checkers[1]
	}
	auditAddr, err := AuditAddress(jc.ProgramID, jobAddr(t, id))
	require.NoError(t, err)
	watch := []solana.PublicKey{jobAddr(t, id), auditAddr, checkerAddr(t, pick), checkerAddr(t, other.key()), jc.Registry, jc.CheckerVault}
	outsider := newWallet(t, 0, 0)

	// Assign: the caller must pass the picked checker and the real co-stake PDA.
	requireLandedRejected(t, gen.Error_WrongChecker, watch, outsider, ix(jc.AssignCheckerInstruction(job, audit, other.key())))
	assign := ix(jc.AssignCheckerInstruction(job, audit, pick))
	requireLandedRejected(t, gen.Error_WrongStakingAccount, watch, outsider, withAccount(t, assign, 6, solana.NewWallet().PublicKey()))
	require.Equal(t, pick, assignNext(t, outsider, id))
	picked := byKey(t, pick, checkers...)
	audit = fetchAudit(t, id)
	requireLandedRejected(t, gen.Error_NoEmptySlot, watch, outsider, ix(jc.AssignCheckerInstruction(job, audit, other.key())))

	// Verdicts: only the slot's checker, with its verdict key, once.
	requireLandedRejected(t, gen.Error_WrongVerdictKey, watch, picked.owner,
		ix(jc.SubmitVerdictInstruction(picked.key(), picked.key(), id, honest)))
	requireLandedRejected(t, gen.Error_WrongChecker, watch, other.owner,
		ix(jc.SubmitVerdictInstruction(other.verdict.PublicKey(), other.key(), id, honest)), other.verdict)
	requireLandedRejected(t, gen.Error_WrongVerdictKey, watch, other.owner,
		withAccount(t, ix(jc.SubmitVerdictInstruction(other.verdict.PublicKey(), other.key(), id, honest)), 3, checkerAddr(t, pick)), other.verdict)

	// Nothing closes an undecided audit.
	requireLandedRejected(t, gen.Error_AuditUndecided, watch, outsider, ix(jc.SettleAuditedInstruction(job, audit, fixed.IOTreasury)))
	requireLandedRejected(t, gen.Error_AuditUndecided, watch, outsider, ix(jc.ConvictAuditedInstruction(job, audit, ioMint, fixed.Ledger)))
	requireLandedRejected(t, gen.Error_WrongJobState, watch, outsider, ix(jc.SettleJobInstruction(job, fixed.IOTreasury)))
	requireLandedRejected(t, gen.Error_WrongChecker, watch, outsider, ix(jc.ReplaceCheckerInstruction(id, other.key(), fixed.IOTreasury)))

	// A checker with an open audit cannot take its stake out, even after leaving and cooling down.
	_, err = jc.LeaveCheckers(ctx, picked.owner)
	require.NoError(t, err)
	warp(t, fetchChecker(t, pick).UnlockTs-chainNow(t))
	requireLandedRejected(t, gen.Error_CheckerHasOpenAudits, watch, picked.owner, ix(jc.WithdrawCheckerInstruction(pick, ioToken(t, pick))))
	requireLandedRejected(t, gen.Error_WrongVault, watch, outsider, ix(jc.ReplaceCheckerInstruction(id, pick, ioToken(t, outsider.PublicKey()))))
	_, err = jc.ReplaceChecker(ctx, outsider, id, pick)
	require.NoError(t, err)

	require.Equal(t, other.key(), assignNext(t, outsider, id))
	verdict(t, other, id, honest)
	requireLandedRejected(t, gen.Error_AlreadyVoted, watch, other.owner,
		ix(jc.SubmitVerdictInstruction(other.verdict.PublicKey(), other.key(), id, honest)), other.verdict)

	// Settling needs each filled slot's Checker, the matching checkers' own token accounts and
	// the audit's payer.
	job, audit = fetchJob(t, id), fetchAudit(t, id)
	settle := ix(jc.SettleAuditedInstruction(job, audit, fixed.IOTreasury))
	_, err = jc.sx.Send(ctx, outsider, []solana.Instruction{mustATA(t, outsider.PublicKey(), other.key())})
	require.NoError(t, err)
	requireLandedRejected(t, gen.Error_WrongCheckerAccounts, watch, outsider, withoutTail(t, settle, 3))
	requireLandedRejected(t, gen.Error_WrongOwner, watch, outsider, withAccount(t, settle, 16, ioToken(t, owner.PublicKey())))
	requireLandedRejected(t, gen.Error_WrongOwner, watch, outsider, withAccount(t, settle, 3, outsider.PublicKey()))
	_, err = jc.SettleAudited(ctx, outsider, id)
	require.NoError(t, err)
}

// mustATA creates owner's associated IO account (payer pays), idempotently.
func mustATA(t *testing.T, payer, owner solana.PublicKey) solana.Instruction {
	t.Helper()
	create, _, err := ensureTokenAccount(payer, owner, ioMint)
	require.NoError(t, err)
	return create
}

// The device's owner and its co-stakers never check its work: a co-staker picked is skipped
// (and never picked again); with only the worker registered no checker is eligible and the
// sampled audit ends, the job settling as today.
func TestWorkerAndCostakersExcluded(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO+testChecker, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	// The worker registers as a checker too: it must never be picked for its own job.
	_, err := jc.RegisterChecker(ctx, owner, solana.NewWallet().PublicKey(), ClassBit(classIndex(t, "RTX4090")), testChecker)
	require.NoError(t, err)
	t.Cleanup(func() { leaveIfRegistered(t, owner) })
	// A co-staker of the device registers as a checker.
	costaker := newChecker(t, testChecker, "RTX4090")
	openOffer(t, owner, device, costaker.owner)

	id := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	_, err = jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, 600)
	_, err = jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, 600))
	require.NoError(t, err)
	drawAudit(t, buyer, id)
	job, audit := fetchJob(t, id), fetchAudit(t, id)
	pick, ok, err := jc.NextPick(ctx, job, audit)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, costaker.key(), pick, "the worker is not eligible; the co-staker is the only other checker")
	costake, err := staking.CostakePositionAddress(stk.ProgramID, device.PublicKey(), pick)
	require.NoError(t, err)
	// Passing another (empty) account for the co-stake PDA does not dodge the exclusion.
	assign := localnettest.MustIx(t)(jc.AssignCheckerInstruction(job, audit, pick))
	requireLandedRejected(t, gen.Error_WrongStakingAccount, []solana.PublicKey{costake}, buyer, withAccount(t, assign, 6, solana.NewWallet().PublicKey()))
	_, err = jc.AssignChecker(ctx, buyer, id)
	require.NoError(t, err)
	audit = fetchAudit(t, id)
	require.True(t, audit.Checkers[0].IsZero(), "the co-staker was skipped")
	require.True(t, AuditExcludes(audit, costaker.key()))
	require.Equal(t, uint64(1), audit.Draws)

	// Nobody eligible is left: the sampled audit ends and the job settles as today.
	_, err = jc.AssignChecker(ctx, buyer, id)
	require.NoError(t, err)
	job = fetchJob(t, id)
	require.Equal(t, uint8(StateAttested), job.State)
	require.Equal(t, uint8(AuditNoChecker), job.Audit)
	_, err = jc.FetchAudit(ctx, id)
	require.ErrorIs(t, err, ErrNotFound)
	warp(t, job.WindowEndTs-chainNow(t))
	_, err = jc.SettleJob(ctx, buyer, id)
	require.NoError(t, err)
}

// A challenge of a job that is not audit-exempt goes to three checkers, not the arbiter; the
// buyer's challenge with a forged result confirmed by the majority refunds it with its bond.
func TestChallengeGoesToCheckers(t *testing.T) {
	ctx := localnettest.Context(t)
	truth, forged := specHash(t, "result"), specHash(t, "forged")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, 1800)
	a := attestation(t, id, 1800)
	a.ResultHash = SealResult(forged)
	_, err = jc.SubmitAttestation(ctx, owner, device, id, a)
	require.NoError(t, err)
	buyerToken := ioToken(t, buyer.PublicKey())
	before := balances(t, buyerToken)[0]
	bond := auditEscrow * testBondBps / BPS
	_, err = jc.ChallengeJob(ctx, buyer, id, bond)
	require.NoError(t, err)
	job, audit := fetchJob(t, id), fetchAudit(t, id)
	require.Equal(t, uint8(StateAudited), job.State, "not the arbiter's")
	require.Equal(t, uint8(3), audit.Needed)
	require.Equal(t, uint8(ReasonBuyer), audit.Reason)
	require.Zero(t, audit.Seeded, "seeded by the next slot's hash at the first assignment")
	// The arbiter has nothing to resolve.
	resolve := localnettest.MustIx(t)(jc.ResolveChallengeInstruction(arbiter.PublicKey(), job, fixed.IOTreasury, ioMint, ioToken(t, buyer.PublicKey()), true, fixed.Ledger))
	requireLandedRejected(t, gen.Error_WrongJobState, nil, arbiter, resolve)
	for range 3 {
		k := byKey(t, assignNext(t, buyer, id), checkers...)
		verdict(t, k, id, truth)
	}
	_, err = jc.ConvictAudited(ctx, newWallet(t, 0, 0), id)
	require.NoError(t, err)
	require.Equal(t, before+auditEscrow, balances(t, buyerToken)[0], "the bond paid and returned, the whole escrow refunded")
}

// Governance can remove the arbiter: resolve_challenge then fails NoArbiter (an exempt job's
// challenge lapses to the default outcome).
func TestNoArbiter(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	runUntilAttested(t, owner, device, id, 600)
	_, err := jc.ChallengeJob(ctx, buyer, id, fetchJob(t, id).Escrowed*testBondBps/BPS)
	require.NoError(t, err)
	params := testParams(arbiter.PublicKey())
	params.Arbiter = solana.PublicKey{}
	_, err = jc.UpdateParams(ctx, arbiter, params)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := jc.UpdateParams(localnettest.Context(t), arbiter, testParams(arbiter.PublicKey()))
		require.NoError(t, err)
	})
	job := fetchJob(t, id)
	resolve := localnettest.MustIx(t)(jc.ResolveChallengeInstruction(arbiter.PublicKey(), job, fixed.IOTreasury, ioMint, ioToken(t, buyer.PublicKey()), true, fixed.Ledger))
	requireLandedRejected(t, gen.Error_NoArbiter, []solana.PublicKey{jobAddr(t, id)}, arbiter, resolve)
	warp(t, job.ResolveByTs-chainNow(t)+1)
	_, err = jc.LapseChallenge(ctx, buyer, id)
	require.NoError(t, err)
}

// Nobody steers a pick once the seed is known: a checker registering after the seed slot (with
// a stake chosen to land the pick on it) is not eligible, and a checker leaving after it does
// not move the pick onto another one (the pick still lands on the gone entry, and is skipped).
func TestPickCannotBeSteered(t *testing.T) {
	ctx := localnettest.Context(t)
	early := newChecker(t, testChecker, "RTX4090")
	buyer, _, _, id := auditedJob(t, specHash(t, "result"))
	newChecker(t, testChecker, "RTX4090") // registers after the seed slot
	job, audit := fetchJob(t, id), fetchAudit(t, id)
	reg, err := jc.FetchRegistry(ctx)
	require.NoError(t, err)
	for draws := range uint64(50) {
		audit.Draws = draws
		pick, ok := PickChecker(job, audit, reg)
		require.True(t, ok)
		require.Equal(t, early.key(), pick, "registered after the seed slot: never picked")
	}

	_, err = jc.LeaveCheckers(ctx, early.owner)
	require.NoError(t, err)
	res, err := jc.AssignChecker(ctx, buyer, id)
	require.NoError(t, err)
	require.Equal(t, []any{&gen.CheckerSkipped{JobId: id, Checker: early.key()}}, eventsOf(t, res.Signature))
	audit = fetchAudit(t, id)
	require.True(t, audit.Checkers[0].IsZero(), "the gone checker is skipped, not replaced by the late one")
	require.True(t, AuditExcludes(audit, early.key()))
	// Nobody eligible is left: the sampled audit ends.
	_, err = jc.AssignChecker(ctx, buyer, id)
	require.NoError(t, err)
	require.Equal(t, uint8(AuditNoChecker), fetchJob(t, id).Audit)
}

// openOffer opens a co-staking offer on device (owner's) and has costaker co-stake 5 IO on it.
func openOffer(t *testing.T, owner, device, costaker solana.PrivateKey) {
	t.Helper()
	ctx := localnettest.Context(t)
	if _, err := stk.FetchCostakeParams(ctx); err != nil {
		_, err = stk.SetCostakeParams(ctx, arbiter, ioMint, staking.DefaultMinOwnerFloorBps, staking.DefaultNoticeSeconds, staking.DefaultMaxCommissionBps)
		require.NoError(t, err)
	}
	_, err := stk.OpenOffer(ctx, owner, device.PublicKey(), staking.OfferTerms{CommissionBps: 1_000, MaxCostake: 1_000 * IO, MinOwnerBps: staking.DefaultMinOwnerFloorBps})
	require.NoError(t, err)
	_, err = stk.Costake(ctx, costaker, device.PublicKey(), 5*IO)
	require.NoError(t, err)
}

// A co-staked device's audits pass its offer after the checkers' accounts: the confirmed job
// counts as completed, the convicted one as a fraud whose slash takes the owner's first loss.
func TestAuditOfACostakedDevice(t *testing.T) {
	ctx := localnettest.Context(t)
	truth := specHash(t, "result")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	openOffer(t, owner, device, newWallet(t, 10*IO, 0))
	run := func(result [32]byte) uint64 {
		id := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
		_, err := jc.ClaimJob(ctx, owner, device, id)
		require.NoError(t, err)
		warp(t, 600)
		a := attestation(t, id, 600)
		a.ResultHash = SealResult(result)
		_, err = jc.SubmitAttestation(ctx, owner, device, id, a)
		require.NoError(t, err)
		drawAudit(t, buyer, id)
		return id
	}

	id := run(truth)
	verdict(t, byKey(t, assignNext(t, buyer, id), checkers...), id, truth)
	_, err := jc.SettleAudited(ctx, buyer, id)
	require.NoError(t, err)
	offer, err := stk.FetchOffer(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(1), offer.JobsCompleted)

	id = run(specHash(t, "forged"))
	for range 3 { // the sampled checker escalates unrevealed: all three commit, then reveal
		verdict(t, byKey(t, assignNext(t, buyer, id), checkers...), id, truth)
	}
	_, err = jc.ConvictAudited(ctx, buyer, id)
	require.NoError(t, err)
	offer, err = stk.FetchOffer(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, uint64(1), offer.FraudsProven)
	require.Equal(t, uint64(testFraud), offer.SlashedOwner+offer.SlashedCostake)
	require.Equal(t, uint64(testFraud), offer.SlashedOwner, "the owner's first loss covers it")
}
