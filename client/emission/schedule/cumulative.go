package schedule

import (
	"fmt"
	"iter"
	"sync"
)

// checkpointStride is the spacing of the cumulative checkpoints: Cumulative adds at most
// checkpointStride-1 amounts to one.
const checkpointStride = 64

// checkpoints[i] = Cumulative(i * checkpointStride), built on first use (about 175,000 Amount
// calls, a few milliseconds).
var checkpoints = sync.OnceValue(func() []uint64 {
	cps := make([]uint64, 0, LastEpoch/checkpointStride+1)
	var sum uint64
	for epoch := uint64(0); epoch <= LastEpoch; epoch++ {
		sum += Amount(epoch)
		if epoch%checkpointStride == 0 {
			cps = append(cps, sum)
		}
	}
	return cps
})

// Cumulative returns the base units minted by epochs 1..epoch together (TotalEmission from
// LastEpoch on).
func Cumulative(epoch uint64) uint64 {
	if epoch >= LastEpoch {
		return TotalEmission
	}
	first := epoch / checkpointStride * checkpointStride
	sum := checkpoints()[epoch/checkpointStride]
	for t := first + 1; t <= epoch; t++ {
		sum += Amount(t)
	}
	return sum
}

// Supply returns the scheduled IO supply once epochs 1..epoch have minted, before any burn:
// LaunchSupply + Cumulative(epoch).
func Supply(epoch uint64) uint64 {
	return LaunchSupply + Cumulative(epoch)
}

// PercentOfLaunch returns baseUnits as a percentage of LaunchSupply, for display.
func PercentOfLaunch(baseUnits uint64) float64 {
	return float64(baseUnits) / float64(LaunchSupply) * 100
}

// Entry is one epoch of the schedule.
type Entry struct {
	Epoch      uint64 // 1-based
	Amount     uint64 // base units this epoch mints
	Cumulative uint64 // base units epochs 1..Epoch mint together
}

// Entries returns the epochs from..to (inclusive) in order, each with its cumulative sum.
// Epochs past LastEpoch are listed with Amount 0.
func Entries(from, to uint64) (iter.Seq[Entry], error) {
	if from == 0 {
		return nil, fmt.Errorf("epoch range %d..%d starts at 0: epochs are numbered from 1", from, to)
	}
	if from > to {
		return nil, fmt.Errorf("epoch range %d..%d is empty: the first epoch must not exceed the last", from, to)
	}
	return func(yield func(Entry) bool) {
		sum := Cumulative(from - 1)
		for epoch := from; ; epoch++ {
			amount := Amount(epoch)
			sum += amount
			if !yield(Entry{Epoch: epoch, Amount: amount, Cumulative: sum}) || epoch == to {
				return
			}
		}
	}, nil
}
