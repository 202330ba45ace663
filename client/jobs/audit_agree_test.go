package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// A fraud is proven only by two mismatches on the same digest: an honest re-run is
// deterministic, independent lazy answers (random bytes) never agree.

// Two lazy checkers answer "mismatch" with different made-up digests against an honest job:
// no conviction. The third checker matches; the job settles, the worker is paid, both lazy
// checkers lose the minority penalty to the one that re-ran, which also takes the whole
// checkers' share of the fee.
func TestDisagreeingMismatchesConvictNobody(t *testing.T) {
	ctx := localnettest.Context(t)
	honest := specHash(t, "result")
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer, owner, device, id := auditedJob(t, honest)
	lazy1 := byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, lazy1, id, specHash(t, "random one"))
	lazy2, rerun := byKey(t, assignNext(t, buyer, id), checkers...), byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, lazy2, id, specHash(t, "random two"))
	require.Equal(t, DecisionOpen, AuditDecision(fetchAudit(t, id)), "two mismatches that disagree prove nothing")
	keeper := newWallet(t, 0, 0)
	convict := localnettest.MustIx(t)(jc.ConvictAuditedInstruction(fetchJob(t, id), fetchAudit(t, id), ioMint, fixed.Ledger))
	requireLandedRejected(t, gen.Error_AuditUndecided, []solana.PublicKey{device.PublicKey(), jc.CheckerVault}, keeper, convict)

	verdict(t, rerun, id, honest)
	audit := fetchAudit(t, id)
	require.Equal(t, DecisionHonest, AuditDecision(audit))
	convict = localnettest.MustIx(t)(jc.ConvictAuditedInstruction(fetchJob(t, id), audit, ioMint, fixed.Ledger))
	requireLandedRejected(t, gen.Error_AuditUndecided, []solana.PublicKey{device.PublicKey(), jc.CheckerVault}, keeper, convict)

	buyerToken, payee := localnettest.TokenAccount(t, buyer.PublicKey(), ioMint), localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	rerunToken := localnettest.TokenAccount(t, rerun.key(), ioMint)
	accounts := []solana.PublicKey{buyerToken, payee, fixed.IOTreasury, rerunToken, jc.CheckerVault}
	before := balances(t, accounts...)
	_, err := jc.SettleAudited(ctx, keeper, id)
	require.NoError(t, err)
	require.Equal(t, []uint64{
		before[0] + auditEscrow - auditPaid - auditFee,
		before[1] + auditPaid,
		before[2] + auditFee - auditShare,
		before[3] + auditShare,
		before[4], // the penalties move inside the vault
	}, balances(t, accounts...))
	penalty := uint64(DefaultCheckerMinorityPenalty)
	for _, k := range []checkerKeys{lazy1, lazy2} {
		c := fetchChecker(t, k.key())
		require.Equal(t, testChecker-penalty, c.Stake, "a mismatch nobody shares is in the minority")
		require.Zero(t, c.Rewards)
		require.Zero(t, c.OpenAudits)
	}
	c := fetchChecker(t, rerun.key())
	require.Equal(t, uint64(testChecker), c.Stake)
	require.Equal(t, 2*penalty, c.Rewards, "the checker that re-ran takes both penalties")
}

// Three different digests and no match: no two verdicts agree, nobody is shown wrong. The job
// settles honest with no penalty; no checker matched, so the checkers' fee share goes to the
// treasury.
func TestThreeDifferentDigestsSettleWithoutPenalty(t *testing.T) {
	ctx := localnettest.Context(t)
	checkers := []checkerKeys{newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090"), newChecker(t, testChecker, "RTX4090")}
	buyer, owner, _, id := auditedJob(t, specHash(t, "result"))
	first := byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, first, id, specHash(t, "one"))
	second, third := byKey(t, assignNext(t, buyer, id), checkers...), byKey(t, assignNext(t, buyer, id), checkers...)
	verdict(t, second, id, specHash(t, "two"))
	verdict(t, third, id, specHash(t, "three"))
	require.Equal(t, DecisionHonest, AuditDecision(fetchAudit(t, id)))

	payee := localnettest.TokenAccount(t, owner.PublicKey(), ioMint)
	accounts := []solana.PublicKey{payee, fixed.IOTreasury, jc.CheckerVault}
	before := balances(t, accounts...)
	_, err := jc.SettleAudited(ctx, newWallet(t, 0, 0), id)
	require.NoError(t, err)
	require.Equal(t, []uint64{before[0] + auditPaid, before[1] + auditFee, before[2]}, balances(t, accounts...))
	for _, k := range []checkerKeys{first, second, third} {
		c := fetchChecker(t, k.key())
		require.Equal(t, uint64(testChecker), c.Stake)
		require.Zero(t, c.Rewards)
		require.Zero(t, c.OpenAudits)
	}
}
