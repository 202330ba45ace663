package schedule

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The published reference values (protocol.md, Emission), in base units.
func TestPublishedValues(t *testing.T) {
	tests := []struct {
		name string
		got  uint64
		want uint64
	}{
		{"E_1 = 4,566.21004566 IO", Amount(1), 456_621_004_566},
		{"E_2 = 4,566.14663492 IO", Amount(2), 456_614_663_492},
		{"E_8760 = 4,043.24217441 IO", Amount(8760), 404_324_217_441},
		// The exact value is 400.129883446830...: 400.12988345 is it rounded to 8 decimals,
		// and its floor is ...344.
		{"floor E_175319 = 400.12988344 IO", floorAmount(LastEpoch), 40_012_988_344},
		{"final epoch = floor + 43,598 shortfall", Amount(LastEpoch), 40_012_988_344 + 43_598},
		{"year one = 37,662,980.66326943 IO", Cumulative(8760), 3_766_298_066_326_943},
		{"epochs 1..175,318", Cumulative(LastEpoch - 1), 29_999_959_986_968_058},
		{"total = 300,000,000 IO", Cumulative(LastEpoch), 30_000_000_000_000_000},
		{"total constant", TotalEmission, 30_000_000_000_000_000},
		{"max supply = 800,000,000 IO", MaxSupply, 80_000_000_000_000_000},
		{"supply after the last epoch", Supply(LastEpoch), MaxSupply},
		{"supply before the first epoch", Supply(0), LaunchSupply},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.got)
		})
	}
}

func TestNothingOutsideTheSchedule(t *testing.T) {
	for _, epoch := range []uint64{0, LastEpoch + 1, LastEpoch + 2, 1 << 32, ^uint64(0)} {
		assert.Zero(t, Amount(epoch), "epoch %d", epoch)
		if epoch > LastEpoch {
			assert.Equal(t, TotalEmission, Cumulative(epoch), "epoch %d", epoch)
		}
	}
	assert.Zero(t, Cumulative(0))
}

// The final epoch mints exactly what the rounded-down epochs leave to the cap.
func TestFinalEpochCompletesTheCap(t *testing.T) {
	var sum uint64
	for epoch := uint64(1); epoch < LastEpoch; epoch++ {
		sum += floorAmount(epoch)
	}
	require.Equal(t, TotalEmission-sum, FinalEpochAmount)
	assert.Equal(t, uint64(43_598), FinalEpochAmount-floorAmount(LastEpoch), "shortfall of the rounded-down epochs")
}

// Every epoch's amount is below the one before: the schedule only falls.
func TestAmountsFall(t *testing.T) {
	var rising []uint64
	for epoch := uint64(2); epoch < LastEpoch; epoch++ {
		if Amount(epoch) >= Amount(epoch-1) {
			rising = append(rising, epoch)
		}
	}
	assert.Empty(t, rising, "epochs that do not mint less than the one before")
}

// On-chain cost: one 64x64->128 multiply per nonzero base-16 digit of epoch-1.
func TestMultiplicationsPerEpoch(t *testing.T) {
	most, avg := multiplicationsPerEpoch()
	assert.Equal(t, 5, most)
	assert.InDelta(t, 4.37, avg, 0.01)
	t.Logf("multiplications per epoch: at most %d, %.3f on average", most, avg)
}

// multiplicationsPerEpoch returns the largest and the mean number of multiplies floorAmount
// does over epochs 1..LastEpoch-1.
func multiplicationsPerEpoch() (most int, avg float64) {
	total := 0
	for epoch := uint64(1); epoch < LastEpoch; epoch++ {
		count := 0
		for n := epoch - 1; n != 0; n >>= 4 {
			if n&15 != 0 {
				count++
			}
		}
		most = max(most, count)
		total += count
	}
	return most, float64(total) / float64(LastEpoch-1)
}
