package schedule

import (
	"math/big"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// exactPrec is the precision of the big-number reference. Each step of the series rounds by at
// most 2^-512 relatively, so after 175,319 steps E_t is off by less than 2^-400 relatively.
const exactPrec = 512

// qDecimal is the hourly factor 1 - 0.0000138869523959793, exactly.
const qDecimal = "0.9999861130476040207"

func newFloat() *big.Float { return new(big.Float).SetPrec(exactPrec) }

// qRat returns q as an exact rational.
func qRat() *big.Rat {
	q, ok := new(big.Rat).SetString(qDecimal)
	if !ok {
		panic("schedule test: unparsable q " + qDecimal)
	}
	return q
}

// firstEpochRat returns E_1 = 5*10^14/1095 base units, exactly.
func firstEpochRat() *big.Rat { return big.NewRat(500_000_000_000_000, 1095) }

// exactSeries returns E_t in base units for t = 0..LastEpoch (index 0 unused), computed as
// E_1 = 5*10^14/1095 and E_t = E_(t-1) * q in 512-bit floats, independently of the integer
// algorithm.
var exactSeries = sync.OnceValue(func() []*big.Float {
	q := newFloat().SetRat(qRat())
	series := make([]*big.Float, LastEpoch+1)
	e := newFloat().SetRat(firstEpochRat())
	for epoch := uint64(1); epoch <= LastEpoch; epoch++ {
		series[epoch] = newFloat().Set(e)
		e.Mul(e, q)
	}
	return series
})

// The incremental series has not drifted: its last value matches q^175318 by binary
// exponentiation at twice the precision.
func TestExactSeriesPrecision(t *testing.T) {
	q := new(big.Float).SetPrec(2 * exactPrec).SetRat(qRat())
	pow := new(big.Float).SetPrec(2 * exactPrec).SetInt64(1)
	for n := LastEpoch - 1; n != 0; n >>= 1 {
		if n&1 != 0 {
			pow.Mul(pow, q)
		}
		q.Mul(q, q)
	}
	want := pow.Mul(pow, new(big.Float).SetPrec(2*exactPrec).SetRat(firstEpochRat()))
	got := exactSeries()[LastEpoch]
	diff := new(big.Float).SetPrec(2*exactPrec).Sub(got, want)
	diff.Quo(diff, want)
	assert.True(t, diff.Abs(diff).Cmp(new(big.Float).SetMantExp(big.NewFloat(1), -400)) < 0,
		"relative drift %s is not below 2^-400", diff.Text('e', 5))
}

// Amount is floor(E_t) for every epoch but the last, and the integer accumulator is within the
// package doc's error bound of E_t, which is below every E_t's distance to an integer.
func TestAmountIsExactFloorForEveryEpoch(t *testing.T) {
	series := exactSeries()
	// The documented bound: (1/2 + 5 * 3/2) units of 2^-25 base unit.
	bound := new(big.Float).SetMantExp(big.NewFloat(8), -scaleBits)
	scale := new(big.Float).SetMantExp(big.NewFloat(1), -scaleBits)
	minDistance, maxError := big.NewFloat(1), big.NewFloat(0)
	frac, approx, diff := newFloat(), newFloat(), newFloat()
	var offEpochs []uint64
	for epoch := uint64(1); epoch <= LastEpoch; epoch++ {
		e := series[epoch]
		floor, _ := e.Uint64() // truncates: E_t > 0
		if floorAmount(epoch) != floor || (epoch < LastEpoch && Amount(epoch) != floor) {
			offEpochs = append(offEpochs, epoch)
		}

		frac.Sub(e, frac.SetUint64(floor))
		if frac.Cmp(minDistance) < 0 {
			minDistance.Set(frac)
		}
		frac.Sub(big.NewFloat(1), frac)
		if frac.Cmp(minDistance) < 0 {
			minDistance.Set(frac)
		}

		approx.Mul(approx.SetUint64(scaledAmount(epoch)), scale)
		diff.Sub(approx, e)
		if diff.Abs(diff).Cmp(maxError) > 0 {
			maxError.Set(diff)
		}
	}
	assert.Empty(t, offEpochs, "%d epochs are not the exact floor", len(offEpochs))
	t.Logf("integer algorithm: largest error %s base units; exact values lie at least %s from an integer",
		maxError.Text('e', 3), minDistance.Text('e', 3))
	assert.Less(t, maxError.Cmp(bound), 0, "error %s exceeds the documented bound %s", maxError.Text('e', 3), bound.Text('e', 3))
	assert.Less(t, bound.Cmp(minDistance), 0, "the bound %s does not prove the floor: some E_t is %s from an integer",
		bound.Text('e', 3), minDistance.Text('e', 3))
}
