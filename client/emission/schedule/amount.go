package schedule

import "math/bits"

const (
	// Decimals is the IO mint's number of decimals.
	Decimals = 8
	// BaseUnitsPerIO is 10^Decimals.
	BaseUnitsPerIO uint64 = 100_000_000
	// LastEpoch is the final epoch that mints; every later epoch mints 0.
	LastEpoch uint64 = 175_319
	// LaunchSupply is the IO that exists before emission starts, in base units.
	LaunchSupply = 500_000_000 * BaseUnitsPerIO
	// TotalEmission is what epochs 1..LastEpoch mint together, in base units.
	TotalEmission = 300_000_000 * BaseUnitsPerIO
	// MaxSupply is LaunchSupply + TotalEmission: supply never exceeds it.
	MaxSupply = LaunchSupply + TotalEmission
	// FinalEpochAmount is what epoch LastEpoch mints: TotalEmission minus the sum of the
	// rounded-down epochs 1..LastEpoch-1 (its own floor, 40,012,988,344, plus 43,598).
	FinalEpochAmount uint64 = 40_013_031_942
)

// scaleBits is the number of fractional bits of the accumulator in floorAmount.
const scaleBits = 25

// firstEpochScaled is round(C * 2^25) with C = 5*10^14/1095 = E_1 in base units.
const firstEpochScaled uint64 = 0xd4a1772e2c6b8b1b

// Amount returns the base units epoch mints: floor(E_epoch) for epochs 1..LastEpoch-1,
// FinalEpochAmount for LastEpoch, and 0 for epoch 0 and every epoch after LastEpoch.
func Amount(epoch uint64) uint64 {
	switch {
	case epoch == 0 || epoch > LastEpoch:
		return 0
	case epoch == LastEpoch:
		return FinalEpochAmount
	}
	return floorAmount(epoch)
}

// floorAmount returns floor(E_epoch) for 1 <= epoch <= LastEpoch (see the package doc).
func floorAmount(epoch uint64) uint64 {
	return scaledAmount(epoch) >> scaleBits
}

// scaledAmount returns E_epoch in units of 2^-25 base unit, for 1 <= epoch <= LastEpoch.
func scaledAmount(epoch uint64) uint64 {
	acc := firstEpochScaled
	base := uint64(0)
	for n := epoch - 1; n != 0; n >>= 4 {
		if d := n & 15; d != 0 {
			acc, _ = bits.Mul64(acc, hexPowers[base+d-1])
		}
		base += 15
	}
	return acc
}
