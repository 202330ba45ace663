package schedule

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundScaled returns round(x * 2^shift) as a uint64, failing if it does not fit or if x * 2^shift
// is so close to a half that 512-bit arithmetic cannot decide the rounding.
func roundScaled(t *testing.T, x *big.Float, shift int) uint64 {
	t.Helper()
	scaled := newFloat().SetMantExp(x, shift)
	whole, _ := scaled.Int(nil)
	frac := newFloat().Sub(scaled, newFloat().SetInt(whole))
	tie := newFloat().Sub(frac, big.NewFloat(0.5))
	require.Positive(t, tie.Abs(tie).Cmp(newFloat().SetMantExp(big.NewFloat(1), -256)), "%s is a near tie", scaled.Text('g', 40))
	if frac.Cmp(big.NewFloat(0.5)) > 0 {
		whole.Add(whole, big.NewInt(1))
	}
	require.True(t, whole.IsUint64(), "%s does not fit a u64", whole)
	return whole.Uint64()
}

// TestHexPowers regenerates every constant of the algorithm from q and C with 512-bit floats.
func TestHexPowers(t *testing.T) {
	var want [len(hexPowers)]uint64
	base := newFloat().SetRat(qRat()) // q^(16^w)
	for w := 0; w < 5; w++ {
		pow := newFloat().SetInt64(1)
		for d := 1; d <= 15 && 15*w+d <= len(want); d++ {
			pow.Mul(pow, base) // q^(d * 16^w)
			want[15*w+d-1] = roundScaled(t, pow, 64)
		}
		for range 4 {
			base.Mul(base, base)
		}
	}
	if !assert.Equal(t, want, hexPowers) {
		var b strings.Builder
		for i, v := range want {
			sep := " "
			if i%5 == 4 {
				sep = "\n"
			}
			fmt.Fprintf(&b, "0x%016x,%s", v, sep)
		}
		t.Logf("the table should read:\n%s", b.String())
	}

	first := roundScaled(t, newFloat().SetRat(firstEpochRat()), scaleBits)
	assert.Equal(t, first, firstEpochScaled, "firstEpochScaled should be %#x", first)
	assert.Less(t, uint64(LastEpoch-1)>>16, uint64(3), "the last window needs more than 2 constants")
}
