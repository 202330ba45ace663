package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// TestCommitReveal mirrors the Rust audit::tests::commit_reveal case for case.
func TestCommitReveal(t *testing.T) {
	key := func(i byte) solana.PublicKey { return solana.PublicKey{i} }
	digest := [32]byte{5}
	require.NotEqual(t, VerdictCommitment(digest, key(1)), VerdictCommitment(digest, key(2)), "bound to its owner")
	a := &gen.Audit{Needed: 1}
	a.Checkers[0] = key(1)
	a.Deadlines[0] = 100
	require.False(t, AllCommitted(a))
	a.Verdicts[0] = VerdictCommitted
	require.True(t, AllCommitted(a), "a sampled audit reveals at once")
	require.Equal(t, DecisionOpen, AuditDecision(a), "a commitment decides nothing")
	require.True(t, Replaceable(a, 0, 101))
	require.False(t, Replaceable(a, 0, 100))

	a.Verdicts[0], a.Results[0], a.Needed = VerdictMismatch, digest, 3
	a.Checkers[1], a.Checkers[2] = key(2), key(3)
	a.Verdicts[1], a.Seen[1] = VerdictCommitted, 1 // committed after slot 0 revealed
	require.False(t, AllCommitted(a))
	require.False(t, Replaceable(a, 1, 1000), "reveals closed: a commitment waits")
	require.True(t, Replaceable(a, 2, 1000), "slot 2 missed its commit deadline")
	a.Verdicts[2], a.Seen[2] = VerdictCommitted, 1
	require.True(t, AllCommitted(a))
	a.Verdicts[1], a.Results[1] = VerdictMismatch, digest
	require.False(t, Independent(a, 0, 1))
	require.Equal(t, DecisionOpen, AuditDecision(a), "a copy of a public digest convicts nobody")
	a.Verdicts[2] = VerdictMatch
	require.Equal(t, DecisionHonest, AuditDecision(a), "all revealed, no independent agreement")
	a.Verdicts[2], a.Results[2] = VerdictMismatch, digest
	require.True(t, Independent(a, 1, 2))
	require.Equal(t, DecisionFraud, AuditDecision(a), "slots 1 and 2 agree independently")

	a.Verdicts[2], a.Checkers[2] = VerdictPending, solana.PublicKey{}
	require.False(t, AllCommitted(a))
	a.Exhausted = 1
	require.True(t, AllCommitted(a))
}

// As the program's an_independent_commitment_is_awaited: a slot that committed blind is
// waited for; a refill that committed after digests were public is not.
func TestAnIndependentCommitmentIsAwaited(t *testing.T) {
	a := &gen.Audit{Needed: 3}
	for i := range a.Checkers {
		a.Checkers[i] = solana.PublicKey{byte(i + 1)}
		a.Verdicts[i] = VerdictCommitted
	}
	a.Verdicts[0], a.Verdicts[1] = VerdictMatch, VerdictMatch
	slot, waiting := Awaited(a)
	require.True(t, waiting)
	require.Equal(t, 2, slot)
	require.Equal(t, DecisionOpen, AuditDecision(a))
	a.Verdicts[2] = VerdictMismatch
	require.Equal(t, DecisionHonest, AuditDecision(a))
	require.Equal(t, [3]bool{true, true, false}, Upheld(a), "the late mismatch is the minority")
	a.Verdicts[2], a.Seen[2] = VerdictCommitted, 0b11
	_, waiting = Awaited(a)
	require.False(t, waiting)
	require.Equal(t, DecisionHonest, AuditDecision(a))
}
