package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// auditAddr is job id's Audit (the seeded address of "audit" under the job).
func auditAddr(t *testing.T, id uint64) solana.PublicKey {
	t.Helper()
	addr, err := AuditAddress(jc.ProgramID, jobAddr(t, id))
	require.NoError(t, err)
	return addr
}

// commit has checker k commit to digest on job id without revealing.
func commit(t *testing.T, k checkerKeys, id uint64, digest [32]byte) {
	t.Helper()
	_, err := jc.SubmitVerdict(localnettest.Context(t), k.owner, k.verdict, k.key(), id, digest)
	require.NoError(t, err)
}

// A sampled checker whose digest does not open the job's result escalates unrevealed; nobody
// reveals before the two new checkers have committed (RevealTooEarly, nothing moves). A checker
// that copies another's commitment cannot open it (RevealMismatch: the owner is in the hash),
// nor can a checker open its own with another digest; the honest reveals then convict.
func TestRevealWaitsForEveryCommitment(t *testing.T) {
	ctx := localnettest.Context(t)
	truth, forged := specHash(t, "result"), specHash(t, "forged")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer, _, _, id := auditedJob(t, forged)
	watch := func(ks ...checkerKeys) []solana.PublicKey {
		w := []solana.PublicKey{auditAddr(t, id), jobAddr(t, id)}
		for _, k := range ks {
			w = append(w, checkerAddr(t, k.key()))
		}
		return w
	}

	first := byKey(t, assignNext(t, buyer, id), checkers...)
	revealIx := func(k checkerKeys, digest [32]byte) []solana.Instruction {
		return localnettest.MustIx(t)(jc.RevealVerdictInstruction(k.verdict.PublicKey(), k.key(), id, digest))
	}
	requireLandedRejected(t, gen.Error_VerdictNotCommitted, watch(first), first.owner, revealIx(first, truth), first.verdict)
	commit(t, first, id, truth)
	_, err := jc.EscalateAudit(ctx, first.owner, first.verdict, first.key(), id)
	require.NoError(t, err)
	escalate := localnettest.MustIx(t)(jc.EscalateAuditInstruction(first.verdict.PublicKey(), first.key(), id))
	requireLandedRejected(t, gen.Error_NotSampled, watch(first), first.owner, escalate, first.verdict)
	a := fetchAudit(t, id)
	require.Equal(t, uint8(3), a.Needed)
	require.Equal(t, uint8(VerdictCommitted), a.Verdicts[0], "the mismatch stays sealed")
	require.Equal(t, [32]byte{}, a.Results[0], "no digest on the chain")
	require.False(t, AllCommitted(a))
	requireLandedRejected(t, gen.Error_RevealTooEarly, watch(first), first.owner, revealIx(first, truth), first.verdict)

	second := byKey(t, assignNext(t, buyer, id), checkers...)
	third := byKey(t, assignNext(t, buyer, id), checkers...)
	commit(t, second, id, truth)
	requireLandedRejected(t, gen.Error_RevealTooEarly, watch(first, second), second.owner, revealIx(second, truth), second.verdict)

	// The third copies the first's commitment instead of re-running.
	copied := fetchAudit(t, id).Commitments[0]
	ix := localnettest.MustIx(t)(jc.SubmitVerdictInstruction(third.verdict.PublicKey(), third.key(), id, copied))
	_, err = jc.Send(ctx, third.owner, ix, third.verdict)
	require.NoError(t, err)
	a = fetchAudit(t, id)
	require.True(t, AllCommitted(a))
	require.Equal(t, a.Deadlines[0], a.Deadlines[2], "every commitment reveals by the same deadline")
	require.InDelta(t, chainNow(t)+testVerdict, a.Deadlines[0], 5, "all committed + verdict_seconds")
	requireLandedRejected(t, gen.Error_RevealMismatch, watch(third), third.owner, revealIx(third, truth), third.verdict)
	requireLandedRejected(t, gen.Error_RevealMismatch, watch(second), second.owner, revealIx(second, forged), second.verdict)

	reveal(t, first, id, truth)
	reveal(t, second, id, truth)
	a = fetchAudit(t, id)
	require.Equal(t, DecisionOpen, AuditDecision(a), "the copier's blind commitment is awaited")
	_, err = jc.ConvictAudited(ctx, buyer, id)
	require.Equal(t, gen.Error_AuditUndecided, ErrorName(err), "no decision while a blind commitment is unrevealed: %v", err)
	// The copier cannot open what it copied: past the reveal deadline it is replaced and pays
	// the miss penalty, and the two independent re-runs decide.
	warp(t, a.Deadlines[2]-chainNow(t)+1)
	stakeBefore := fetchChecker(t, third.key()).Stake
	_, err = jc.ReplaceChecker(ctx, newWallet(t, 0, 0), id, third.key())
	require.NoError(t, err)
	require.Equal(t, stakeBefore-uint64(DefaultCheckerMissPenalty), fetchChecker(t, third.key()).Stake)
	require.Equal(t, DecisionFraud, AuditDecision(fetchAudit(t, id)), "two independent re-runs agree")
	_, err = jc.ConvictAudited(ctx, buyer, id)
	require.NoError(t, err)
}

// A committed checker that does not reveal by the reveal deadline is replaced like a silent
// one (miss penalty, slot refilled); before it, and while reveals are closed, nobody may.
func TestUnrevealedCommitmentReplaced(t *testing.T) {
	ctx := localnettest.Context(t)
	honest := specHash(t, "result")
	stake := uint64(testChecker + 50*IO) // stays registered after the penalty
	checkers := []checkerKeys{newChecker(t, stake, "RTX4090"), newChecker(t, stake, "RTX4090")}
	buyer, _, _, id := auditedJob(t, honest)
	silent := byKey(t, assignNext(t, buyer, id), checkers...)
	commit(t, silent, id, honest)
	a := fetchAudit(t, id)
	require.Equal(t, uint8(VerdictCommitted), a.Verdicts[0])
	require.InDelta(t, chainNow(t)+testVerdict, a.Deadlines[0], 5, "a sampled audit reveals at once, by now + verdict_seconds")
	keeper := newWallet(t, 0, 0)
	replace := localnettest.MustIx(t)(jc.ReplaceCheckerInstruction(id, silent.key(), fixed.IOTreasury))
	requireLandedRejected(t, gen.Error_DeadlineNotPassed, nil, keeper, replace)
	warp(t, a.Deadlines[0]-chainNow(t)+1)
	require.True(t, Replaceable(fetchAudit(t, id), 0, chainNow(t)))
	late := localnettest.MustIx(t)(jc.RevealVerdictInstruction(silent.verdict.PublicKey(), silent.key(), id, honest))
	requireLandedRejected(t, gen.Error_VerdictTooLate, nil, silent.owner, late, silent.verdict)

	before := balances(t, fixed.IOTreasury, jc.CheckerVault)
	_, err := jc.ReplaceChecker(ctx, keeper, id, silent.key())
	require.NoError(t, err)
	penalty := uint64(DefaultCheckerMissPenalty)
	require.Equal(t, []uint64{before[0] + penalty, before[1] - penalty}, balances(t, fixed.IOTreasury, jc.CheckerVault))
	require.Equal(t, stake-penalty, fetchChecker(t, silent.key()).Stake)
	a = fetchAudit(t, id)
	require.True(t, a.Checkers[0].IsZero(), "the slot is free again")
	require.Equal(t, uint8(VerdictPending), a.Verdicts[0])
	require.Equal(t, [32]byte{}, a.Commitments[0])

	other := byKey(t, assignNext(t, buyer, id), checkers...)
	require.NotEqual(t, silent.key(), other.key())
	verdict(t, other, id, honest)
	_, err = jc.SettleAudited(ctx, keeper, id)
	require.NoError(t, err)
}

// An escalated checker's commitment is not replaceable while the new slots have not committed,
// even past its own deadline: nobody loses for waiting on others.
func TestCommittedSlotWaitsForTheOthers(t *testing.T) {
	ctx := localnettest.Context(t)
	forged := specHash(t, "forged")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer, _, _, id := auditedJob(t, forged)
	first := byKey(t, assignNext(t, buyer, id), checkers...)
	commit(t, first, id, specHash(t, "result"))
	_, err := jc.EscalateAudit(ctx, first.owner, first.verdict, first.key(), id)
	require.NoError(t, err)
	warp(t, fetchAudit(t, id).Deadlines[0]-chainNow(t)+1)
	require.False(t, Replaceable(fetchAudit(t, id), 0, chainNow(t)))
	keeper := newWallet(t, 0, 0)
	replace := localnettest.MustIx(t)(jc.ReplaceCheckerInstruction(id, first.key(), fixed.IOTreasury))
	requireLandedRejected(t, gen.Error_DeadlineNotPassed, []solana.PublicKey{auditAddr(t, id), checkerAddr(t, first.key())}, keeper, replace)
}
