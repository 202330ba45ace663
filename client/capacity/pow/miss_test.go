package pow

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// MissProbability is the chance that k spot checks all land on correct entries when a fraction
// wrong of C is wrong: (1 - wrong)^k (the entries are picked independently, uniformly).
func MissProbability(wrong float64, k int) float64 { return math.Pow(1-wrong, float64(k)) }

// TestMissProbability checks the spot check's picks against the formula: a C with a fraction of
// wrong entries (whole rows, as a cheat that skips rows would leave) is checked under many
// check slot hashes, and the share of checks that miss every wrong entry matches (1-f)^k.
func TestMissProbability(t *testing.T) {
	const n, trials = 64, 20_000
	seed := sha256.Sum256([]byte("miss"))
	for _, c := range []struct {
		wrongRows, k int
	}{{32, 1}, {32, 2}, {16, 2}, {8, 4}, {63, 2}} {
		wrong := float64(c.wrongRows) / n
		misses := 0
		for trial := range trials {
			var check [32]byte
			binary.LittleEndian.PutUint64(check[:], uint64(trial))
			caught := false
			for m := range c.k {
				if i, _ := CheckedEntry(check, seed, n, uint8(m)); i < uint64(c.wrongRows) {
					caught = true
				}
			}
			if !caught {
				misses++
			}
		}
		got, want := float64(misses)/trials, MissProbability(wrong, c.k)
		// Four standard deviations of a binomial share.
		tolerance := 4 * math.Sqrt(want*(1-want)/trials)
		require.InDelta(t, want, got, tolerance+1e-9, "wrong %.3f k=%d", wrong, c.k)
	}
}
