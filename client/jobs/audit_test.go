package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The audits of #16 on the localnet: jobs drawn (audit_rate_bps is 10000 in the tests), checkers
// assigned by the program's stake-weighted pick, verdicts, and the audit's outcome with exact
// balances.

// A 2 IO/h job run 30 minutes: 1 IO paid, 0.25% fee, of which audit_fee_bps (50%) goes to the
// matching checkers.
const (
	auditPaid   uint64 = 1 * IO
	auditFee    uint64 = 250_000
	auditEscrow uint64 = 200_500_000
	auditShare         = auditFee * DefaultAuditFeeBps / BPS
)

func TestAuditHonestJobConfirmed(t *testing.T) {
	ctx := localnettest.Context(t)
	honest := specHash(t, "result")
	checker := newChecker(t, testChecker, "RTX4090")
	buyer, owner, device, id := auditedJob(t, honest)
	job := fetchJob(t, id)
	audit := fetchAudit(t, id)
	require.Equal(t, uint8(1), audit.Needed, "a sampled audit needs one checker")
	require.Equal(t, uint8(ReasonSampled), audit.Reason)
	require.Equal(t, buyer.PublicKey(), audit.Payer)
	require.Equal(t, owner.PublicKey(), audit.Worker)

	// The client predicts the pick; the program makes it.
	pick, ok, err := jc.NextPick(ctx, job, audit)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, checker.key(), pick)
	require.Equal(t, checker.key(), assignNext(t, buyer, id))
	audit = fetchAudit(t, id)
	require.InDelta(t, chainNow(t)+testVerdict+1800, audit.Deadlines[0], 5, "verdict time plus the 30-minute run")
	require.Equal(t, uint64(1), fetchChecker(t, checker.key()).OpenAudits)

	verdict(t, checker, id, honest)
	require.Equal(t, DecisionHonest, AuditDecision(fetchAudit(t, id)))

	checkerToken := localnettest.TokenAccount(t, checker.key(), ioMint)
	buyerToken, payee := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint), localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	accounts := []solana.PublicKey{buyerToken, payee, fixed.IOTreasury, checkerToken, jc.CheckerVault}
	before := balances(t, accounts...)
	auditAddr, err := AuditAddress(jc.ProgramID, jobAddr(t, id))
	require.NoError(t, err)
	auditRent, buyerLamports := lamports(t, auditAddr), lamports(t, buyer.PublicKey())
	keeper := newWallet(t, 0, 0) // anyone settles
	res, err := jc.SettleAudited(ctx, keeper, id)
	require.NoError(t, err)

	require.Equal(t, []uint64{
		before[0] + auditEscrow - auditPaid - auditFee, // the refund
		before[1] + auditPaid,
		before[2] + auditFee - auditShare,
		before[3] + auditShare,
		before[4], // stakes untouched
	}, balances(t, accounts...))
	closed := closedEvent(t, res.Signature)
	require.Equal(t, &gen.JobClosed{JobId: id, Outcome: uint8(OutcomeAudited), Paid: auditPaid, Fee: auditFee, Refunded: auditEscrow - auditPaid - auditFee}, closed)
	require.Greater(t, lamports(t, buyer.PublicKey()), buyerLamports+auditRent, "the buyer got the Audit's rent back, and the job's")
	require.Zero(t, lamports(t, auditAddr))
	c := fetchChecker(t, checker.key())
	require.Equal(t, uint64(0), c.OpenAudits)
	require.Equal(t, uint64(testChecker), c.Stake)
	require.Equal(t, uint64(0), c.Rewards)
	_, err = jc.FetchJob(ctx, id)
	require.ErrorIs(t, err, ErrNotFound)
	dev, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Zero(t, dev.JobReserve, "the job's stake reserve is released")
}

// slashSplit is what a slash of amount pays its beneficiary (the rest burns).
func slashSplit(t *testing.T, amount uint64) (paid uint64) {
	t.Helper()
	cfg, err := stk.FetchConfig(localnettest.Context(t))
	require.NoError(t, err)
	return amount - amount*cfg.SlashBurnBps/BPS
}

// A worker attests a result nobody else gets: the sampled checker's mismatch calls two more;
// with the second they outvote the third (who vouches for the forgery). The device is slashed,
// the buyer refunded in full, the majority paid from the slash and the minority's penalty, the
// minority checker dropped from the registry (left below the minimum stake).
func TestAuditCatchesFraudByMajority(t *testing.T) {
	ctx := localnettest.Context(t)
	truth, forged := specHash(t, "result"), specHash(t, "forged")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090", "H100"), newChecker(t, testChecker, "RTX4090")}
	buyer, _, device, id := auditedJob(t, forged)

	first := byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, first, id, truth)
	audit := fetchAudit(t, id)
	require.Equal(t, uint8(3), audit.Needed, "a mismatch calls two more checkers")
	require.Equal(t, uint8(VerdictCommitted), audit.Verdicts[0], "escalated unrevealed")
	second := byKey(t, assignNext(t, buyer, id), checkers...)
	third := byKey(t, assignNext(t, buyer, id), checkers...)
	require.NotEqual(t, first.key(), second.key())
	require.NotEqual(t, second.key(), third.key())
	require.NotEqual(t, first.key(), third.key())
	verdict(t, third, id, forged) // the minority vouches for the forgery
	require.Equal(t, DecisionOpen, AuditDecision(fetchAudit(t, id)))
	keeper := newWallet(t, 0, 0)
	convict := localnettest.MustIx(t)(jc.ConvictAuditedInstruction(fetchJob(t, id), fetchAudit(t, id), ioMint, fixed.Ledger))
	requireLandedRejected(t, gen.Error_AuditUndecided, nil, keeper, convict)
	verdict(t, second, id, truth)
	require.Equal(t, DecisionFraud, AuditDecision(fetchAudit(t, id)))

	buyerToken := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint)
	accounts := []solana.PublicKey{buyerToken, jc.CheckerVault, fixed.IOTreasury}
	before := balances(t, accounts...)
	devBefore, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	res, err := jc.ConvictAudited(ctx, keeper, id)
	require.NoError(t, err)

	paid := slashSplit(t, testFraud)
	require.Equal(t, []uint64{before[0] + auditEscrow, before[1] + paid, before[2]}, balances(t, accounts...))
	closed := closedEvent(t, res.Signature)
	require.Equal(t, &gen.JobClosed{JobId: id, Outcome: uint8(OutcomeFraud), Refunded: auditEscrow, Slashed: testFraud}, closed)
	dev, err := stk.FetchDevice(ctx, device.PublicKey())
	require.NoError(t, err)
	require.Equal(t, devBefore.Stake-testFraud, dev.Stake)
	require.Zero(t, dev.JobReserve)

	minority := uint64(DefaultCheckerMinorityPenalty)
	pool := paid + minority
	wantRewards := map[solana.PublicKey]uint64{first.key(): pool/2 + pool%2, second.key(): pool / 2, third.key(): 0}
	wantStake := map[solana.PublicKey]uint64{first.key(): testChecker, second.key(): testChecker, third.key(): testChecker - minority}
	reg, err := jc.FetchRegistry(ctx)
	require.NoError(t, err)
	for _, k := range checkers {
		c := fetchChecker(t, k.key())
		require.Equal(t, wantRewards[k.key()], c.Rewards, "rewards of %s", k.key())
		require.Equal(t, wantStake[k.key()], c.Stake, "stake of %s", k.key())
		require.Zero(t, c.OpenAudits)
		require.Equal(t, k.key() != third.key(), Registered(reg, k.key()), "only the minority, below the minimum, leaves")
	}
	// The majority takes its reward out of the vault.
	token := localnettest.TokenAccount(t, first.key(), ioMint)
	held := balances(t, token, jc.CheckerVault)
	_, err = jc.ClaimCheckerRewards(ctx, first.owner)
	require.NoError(t, err)
	require.Equal(t, []uint64{held[0] + wantRewards[first.key()], held[1] - wantRewards[first.key()]}, balances(t, token, jc.CheckerVault))
	require.Zero(t, fetchChecker(t, first.key()).Rewards)
}

// An honest job whose sampled checker lies: two more checkers confirm the result and outvote
// it. The job settles, the two share the audit fee and the liar's penalty.
func TestLyingCheckerOutvoted(t *testing.T) {
	ctx := localnettest.Context(t)
	honest := specHash(t, "result")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer, owner, _, id := auditedJob(t, honest)
	liar := byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, liar, id, specHash(t, "lie"))
	a, b := byKey(t, assignNext(t, buyer, id), checkers...), byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, a, id, honest)
	verdict(t, b, id, honest)

	buyerToken, payee := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint), localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	aToken, bToken := localnettest.TokenAccount(t, a.key(), ioMint), localnettest.TokenAccount(t, b.key(), ioMint)
	accounts := []solana.PublicKey{buyerToken, payee, fixed.IOTreasury, aToken, bToken, jc.CheckerVault}
	before := balances(t, accounts...)
	_, err := jc.SettleAudited(ctx, newWallet(t, 0, 0), id)
	require.NoError(t, err)
	share := auditShare / 2
	require.Equal(t, []uint64{
		before[0] + auditEscrow - auditPaid - auditFee,
		before[1] + auditPaid,
		before[2] + auditFee - 2*share,
		before[3] + share,
		before[4] + share,
		before[5], // the penalty moves from the liar's stake to the majority's rewards, inside the vault
	}, balances(t, accounts...))
	penalty := uint64(DefaultCheckerMinorityPenalty)
	require.Equal(t, uint64(testChecker-penalty), fetchChecker(t, liar.key()).Stake)
	require.Equal(t, uint64(penalty/2), fetchChecker(t, a.key()).Rewards)
	require.Equal(t, uint64(penalty/2), fetchChecker(t, b.key()).Rewards)
}

// Sealed results: the worker attests SHA-256 of its result digest, so a checker that did not
// re-run and submits the job's attested hash itself gives a mismatch (the audit escalates to
// three checkers), while the honest preimage matches.
func TestCopyingTheAttestedHashIsNotAMatch(t *testing.T) {
	honest := specHash(t, "result")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer, _, _, id := auditedJob(t, honest)
	job := fetchJob(t, id)
	require.Equal(t, SealResult(honest), job.ResultHash, "the chain holds the sealed digest, not the digest")

	lazy := byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, lazy, id, job.ResultHash) // not the digest: escalated, sealed
	audit := fetchAudit(t, id)
	slot, ok := CheckerSlot(audit, lazy.key())
	require.True(t, ok)
	require.Equal(t, uint8(AuditSlots), audit.Needed, "the mismatch calls two more checkers")

	var honestKeys []solana.PublicKey
	for range 2 {
		k := byKey(t, assignNext(t, buyer, id), checkers...)
		verdict(t, k, id, honest) // the preimage: a match (revealed once all three committed)
		honestKeys = append(honestKeys, k.key())
	}
	audit = fetchAudit(t, id)
	require.Equal(t, uint8(VerdictMismatch), audit.Verdicts[slot], "copying the attested hash is not a match")
	require.Equal(t, job.ResultHash, audit.Results[slot], "the verdict is stored as revealed")
	for _, k := range honestKeys {
		s, ok := CheckerSlot(audit, k)
		require.True(t, ok)
		require.Equal(t, uint8(VerdictMatch), audit.Verdicts[s])
	}
	require.Equal(t, DecisionHonest, AuditDecision(fetchAudit(t, id)))
	_, err := jc.SettleAudited(localnettest.Context(t), buyer, id)
	require.NoError(t, err)
	c := fetchChecker(t, lazy.key())
	require.Equal(t, uint64(testChecker-DefaultCheckerMinorityPenalty), c.Stake, "the lazy checker lost the minority penalty")
}

// A long job leaves its checker the time to re-run it: the slot's deadline is the verdict time
// plus the attested run time (3 h here), capped by the job's maximum duration.
func TestLongJobGetsALongerVerdictDeadline(t *testing.T) {
	ctx := localnettest.Context(t)
	checker := newChecker(t, testChecker, "RTX4090")
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 4)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	const run = 3 * 3600
	warp(t, run)
	_, err = jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, run))
	require.NoError(t, err)
	drawAudit(t, buyer, id)
	require.Equal(t, checker.key(), assignNext(t, buyer, id))
	job, audit := fetchJob(t, id), fetchAudit(t, id)
	want, ok := VerdictDeadline(chainNow(t), testVerdict, job)
	require.True(t, ok)
	require.InDelta(t, chainNow(t)+testVerdict+run, audit.Deadlines[0], 5)
	require.InDelta(t, want, audit.Deadlines[0], 5, "the Go mirror computes the same deadline")

	// Past the plain verdict time the checker still answers in time.
	warp(t, testVerdict+60)
	verdict(t, checker, id, specHash(t, "result"))
	_, err = jc.SettleAudited(ctx, buyer, id)
	require.NoError(t, err)
}

// A checker that never answers is replaced after its deadline: it loses the miss penalty to
// the IO treasury, is not picked again, and the next checker confirms the job.
func TestMissingCheckerReplaced(t *testing.T) {
	ctx := localnettest.Context(t)
	honest := specHash(t, "result")
	stake := uint64(testChecker + 50*IO) // stays registered after the penalty
	checkers := []checkerKeys{newChecker(t, stake, "RTX4090"), newChecker(t, stake, "RTX4090")}
	buyer, _, _, id := auditedJob(t, honest)
	missing := byKey(t, assignNext(t, buyer, id), checkers...)
	keeper := newWallet(t, 0, 0)
	replace := localnettest.MustIx(t)(jc.ReplaceCheckerInstruction(id, missing.key(), fixed.IOTreasury))
	requireLandedRejected(t, gen.Error_DeadlineNotPassed, nil, keeper, replace)
	warp(t, testVerdict+1)
	// The deadline also counts the job's 30-minute run: not passed yet.
	requireLandedRejected(t, gen.Error_DeadlineNotPassed, nil, keeper, replace)
	warp(t, fetchAudit(t, id).Deadlines[0]-chainNow(t)+1)
	late := localnettest.MustIx(t)(jc.SubmitVerdictInstruction(missing.verdict.PublicKey(), missing.key(), id, honest))
	requireLandedRejected(t, gen.Error_VerdictTooLate, nil, missing.owner, late, missing.verdict)

	before := balances(t, fixed.IOTreasury, jc.CheckerVault)
	res, err := jc.ReplaceChecker(ctx, keeper, id, missing.key())
	require.NoError(t, err)
	own, _ := ownLessCPIs(t, res)
	t.Logf("replace_checker: own compute units less %d per CPI: %d (TestComputeUnits has the others)", cpiCost, own)
	penalty := uint64(DefaultCheckerMissPenalty)
	require.Equal(t, []any{&gen.CheckerPenalized{JobId: id, Checker: missing.key(), Amount: penalty, Reason: 0}}, eventsOf(t, res.Signature))
	require.Equal(t, []uint64{before[0] + penalty, before[1] - penalty}, balances(t, fixed.IOTreasury, jc.CheckerVault))
	c := fetchChecker(t, missing.key())
	require.Equal(t, stake-penalty, c.Stake)
	require.Zero(t, c.OpenAudits)
	audit := fetchAudit(t, id)
	require.True(t, audit.Checkers[0].IsZero(), "the slot is free again")
	require.True(t, AuditExcludes(audit, missing.key()))

	other := byKey(t, assignNext(t, buyer, id), checkers...)
	require.NotEqual(t, missing.key(), other.key(), "the missing checker is not picked again")
	verdict(t, other, id, honest)
	_, err = jc.SettleAudited(ctx, keeper, id)
	require.NoError(t, err)
}

// The draw reads the hash of the slot after the attestation: in the attestation's own
// transaction it does not exist yet (DrawTooEarly, and nothing changes). Later anyone draws,
// once: a second draw is AlreadyDrawn.
func TestDrawTooEarlyAndOnce(t *testing.T) {
	ctx := localnettest.Context(t)
	buyer := newWallet(t, 100*IO, 0)
	owner := newWallet(t, 1_000*IO, 0)
	device := newDevice(t, owner, "RTX4090", 1, 200*IO)
	id := createAuditableJob(t, buyer, ioMint, "RTX4090", 1, 2*IO, 1)
	_, err := jc.ClaimJob(ctx, owner, device, id)
	require.NoError(t, err)
	warp(t, 600)
	attest, err := jc.SubmitAttestationInstructions(device, id, attestation(t, id, 600))
	require.NoError(t, err)
	draw := localnettest.MustIx(t)(jc.DrawAuditInstruction(buyer.PublicKey(), id))
	auditAddr, err := AuditAddress(jc.ProgramID, jobAddr(t, id))
	require.NoError(t, err)
	watch := []solana.PublicKey{jobAddr(t, id), auditAddr}
	requireLandedRejected(t, gen.Error_DrawTooEarly, watch, buyer, append(attest, draw...))

	_, err = jc.SubmitAttestation(ctx, owner, device, id, attestation(t, id, 600))
	require.NoError(t, err)
	selected, ok, err := jc.PredictDraw(ctx, id)
	for err == nil && !ok {
		selected, ok, err = jc.PredictDraw(ctx, id)
	}
	require.NoError(t, err)
	require.True(t, selected, "audit_rate_bps is 10000 in the tests")
	res := drawAudit(t, buyer, id)
	require.Equal(t, []any{&gen.AuditDrawn{JobId: id, Selected: 1}}, eventsOf(t, res.Signature))
	require.Equal(t, uint8(StateAudited), fetchJob(t, id).State)
	again := localnettest.MustIx(t)(jc.DrawAuditInstruction(owner.PublicKey(), id))
	requireLandedRejected(t, gen.Error_AlreadyDrawn, watch, owner, again)
}

// eventsOf are the jobs events a confirmed transaction logged.
func eventsOf(t *testing.T, sig solana.Signature) []any {
	t.Helper()
	details, err := jc.sx.TransactionDetails(localnettest.Context(t), sig)
	require.NoError(t, err)
	return Events(details.Logs, jc.ProgramID)
}
