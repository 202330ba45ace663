package jobs

import (
	"bytes"
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

// TestAuditDecision mirrors the program's audit::tests::decisions case for case.
func TestAuditDecision(t *testing.T) {
	k := localnettest.SampleKey
	three := []solana.PublicKey{k(1), k(2), k(3)}
	const (
		m = VerdictMatch
		x = VerdictMismatch
	)
	cases := []struct {
		name      string
		needed    uint8
		checkers  []solana.PublicKey
		verdicts  [3]uint8
		digests   [3]byte // each slot's result digest: 32 times this byte
		exhausted bool
		want      Decision
		upheld    [3]bool
	}{
		{"sampled, pending", 1, three[:1], [3]uint8{}, [3]byte{}, false, DecisionOpen, [3]bool{}},
		{"sampled, match", 1, three[:1], [3]uint8{m}, [3]byte{}, false, DecisionHonest, [3]bool{true}},
		{"two mismatches agree", 3, three[:2], [3]uint8{x, x}, [3]byte{5, 5}, false, DecisionFraud, [3]bool{true, true}},
		{"two mismatches disagree", 3, three[:2], [3]uint8{x, x}, [3]byte{5, 6}, false, DecisionOpen, [3]bool{}},
		{"slots 1 and 2 agree", 3, three, [3]uint8{x, x, x}, [3]byte{5, 6, 6}, false, DecisionFraud, [3]bool{false, true, true}},
		{"match against a fraud", 3, three, [3]uint8{m, x, x}, [3]byte{0, 6, 6}, false, DecisionFraud, [3]bool{false, true, true}},
		{"one match, two lone mismatches", 3, three, [3]uint8{x, x, m}, [3]byte{5, 6}, false, DecisionHonest, [3]bool{false, false, true}},
		{"three different digests", 3, three, [3]uint8{x, x, x}, [3]byte{5, 6, 7}, false, DecisionHonest, [3]bool{}},
		{"two matches", 3, three, [3]uint8{x, m, m}, [3]byte{5}, false, DecisionHonest, [3]bool{false, true, true}},
		{"a verdict still pending", 3, three, [3]uint8{x, x}, [3]byte{5, 6}, false, DecisionOpen, [3]bool{}},
		{"one to one", 3, three, [3]uint8{x, m}, [3]byte{5}, false, DecisionOpen, [3]bool{}},
		{"exhausted one to one", 3, three[:2], [3]uint8{x, m}, [3]byte{5}, true, DecisionHonest, [3]bool{false, true}},
		{"exhausted, lone mismatch", 3, three[:1], [3]uint8{x}, [3]byte{5}, true, DecisionHonest, [3]bool{}},
		{"exhausted, pending", 3, three[:2], [3]uint8{x}, [3]byte{5}, true, DecisionOpen, [3]bool{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &gen.Audit{Needed: tc.needed, Verdicts: tc.verdicts}
			copy(a.Checkers[:], tc.checkers)
			for i, b := range tc.digests {
				if tc.verdicts[i] != VerdictPending {
					a.Results[i] = [32]byte(bytes.Repeat([]byte{b}, 32))
				}
			}
			if tc.exhausted {
				a.Exhausted = 1
			}
			require.Equal(t, tc.want, AuditDecision(a))
			require.Equal(t, tc.upheld, Upheld(a))
		})
	}
}
