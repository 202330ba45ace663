package jobs

import (
	"encoding/binary"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The same vector as programs/jobs/src/audit.rs (vector_shared_with_the_go_client): the client
// predicts the program's draw and picks.
func TestAuditMathMatchesTheProgram(t *testing.T) {
	seed := DrawSeed(localnettest.SampleKey(1), localnettest.SampleKey(2))
	require.Equal(t, uint64(5_329_851_165_888_926_403), binary.LittleEndian.Uint64(seed[:8]))
	require.True(t, Selected(seed, 6404))
	require.False(t, Selected(seed, 6403))
	require.Equal(t, uint64(16_301_992_919_915_974_714), pickWord(seed, 7))
}

func TestPickChecker(t *testing.T) {
	k := localnettest.SampleKey
	reg := &gen.CheckerRegistry{Count: 4}
	reg.Entries[0] = gen.CheckerEntry{Owner: k(1), Stake: 100, Classes: 0b01, SinceSlot: 10}
	reg.Entries[1] = gen.CheckerEntry{Owner: k(2), Stake: 300, Classes: 0b11, SinceSlot: 10}
	reg.Entries[2] = gen.CheckerEntry{Owner: k(3), Stake: 600, Classes: 0b10, SinceSlot: 10}
	reg.Entries[3] = gen.CheckerEntry{Owner: k(4), Stake: 1000, Classes: 0b01, SinceSlot: 10}
	job := &gen.Job{GpuClass: 0, Worker: k(4)}
	audit := &gen.Audit{Seed: [32]byte{9}, Needed: 1, SeedSlot: 11}
	counts := map[solana.PublicKey]int{}
	for draws := range uint64(4000) {
		audit.Draws = draws
		owner, ok := PickChecker(job, audit, reg)
		require.True(t, ok)
		counts[owner]++
	}
	require.Len(t, counts, 2, "class 0, not the worker: owners 1 and 2")
	require.InDelta(t, 1000, counts[k(1)], 200, "a quarter of the eligible stake")
	audit.Checkers[0] = k(2)
	owner, ok := PickChecker(job, audit, reg)
	require.True(t, ok)
	require.Equal(t, k(1), owner)
	audit.SeedSlot = 10
	_, ok = PickChecker(job, audit, reg)
	require.False(t, ok, "registered at the seed slot: not eligible")
	audit.SeedSlot = 11
	reg.Entries[0].UntilSlot = 12
	owner, ok = PickChecker(job, audit, reg)
	require.True(t, ok, "gone after the seed slot: still weighs")
	require.True(t, PickGone(reg, owner))
	require.False(t, Registered(reg, owner))
	reg.Entries[0].UntilSlot = 10
	_, ok = PickChecker(job, audit, reg)
	require.False(t, ok, "gone before the seed slot")
	reg.Entries[0].UntilSlot = 0
	audit.Excluded[0], audit.ExcludedCount = k(1), 1
	_, ok = PickChecker(job, audit, reg)
	require.False(t, ok)
}

func TestAuditDecision(t *testing.T) {
	k := localnettest.SampleKey
	cases := []struct {
		name      string
		needed    uint8
		checkers  []solana.PublicKey
		verdicts  [3]uint8
		exhausted bool
		want      Decision
	}{
		{"sampled, pending", 1, []solana.PublicKey{k(1)}, [3]uint8{}, false, DecisionOpen},
		{"sampled, match", 1, []solana.PublicKey{k(1)}, [3]uint8{VerdictMatch}, false, DecisionHonest},
		{"two mismatches", 3, []solana.PublicKey{k(1), k(2), k(3)}, [3]uint8{VerdictMismatch, VerdictMismatch}, false, DecisionFraud},
		{"two matches", 3, []solana.PublicKey{k(1), k(2), k(3)}, [3]uint8{VerdictMismatch, VerdictMatch, VerdictMatch}, false, DecisionHonest},
		{"one to one", 3, []solana.PublicKey{k(1), k(2), k(3)}, [3]uint8{VerdictMismatch, VerdictMatch}, false, DecisionOpen},
		{"exhausted one to one", 3, []solana.PublicKey{k(1), k(2)}, [3]uint8{VerdictMismatch, VerdictMatch}, true, DecisionHonest},
		{"exhausted, lone mismatch", 3, []solana.PublicKey{k(1)}, [3]uint8{VerdictMismatch}, true, DecisionHonest},
		{"exhausted, pending", 3, []solana.PublicKey{k(1), k(2)}, [3]uint8{VerdictMismatch}, true, DecisionOpen},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &gen.Audit{Needed: tc.needed, Verdicts: tc.verdicts}
			copy(a.Checkers[:], tc.checkers)
			if tc.exhausted {
				a.Exhausted = 1
			}
			require.Equal(t, tc.want, AuditDecision(a))
		})
	}
}
