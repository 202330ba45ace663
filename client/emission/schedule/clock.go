package schedule

import (
	"fmt"
	"math"
)

// EpochSeconds is the length of an epoch: one hour.
const EpochSeconds = 3600

// EpochAt returns the epoch whose hour contains now for a schedule starting at startTs (unix
// seconds): 0 before the start, and possibly past LastEpoch. ended reports that the final
// epoch's hour is over, so nothing is left to emit.
func EpochAt(startTs, now int64) (epoch uint64, ended bool) {
	if now < startTs {
		return 0, false
	}
	// now >= startTs, so the two's-complement difference is the exact unsigned distance.
	epoch = (uint64(now)-uint64(startTs))/EpochSeconds + 1
	return epoch, epoch > LastEpoch
}

// LastEndedEpoch returns the latest epoch whose hour is over at now (0 if none), capped at
// LastEpoch: a crank at now may mint every epoch up to it.
func LastEndedEpoch(startTs, now int64) uint64 {
	epoch, _ := EpochAt(startTs, now)
	if epoch == 0 {
		return 0
	}
	return min(epoch-1, LastEpoch)
}

// EpochWindow returns the hour [from, to) of epoch for a schedule starting at startTs.
func EpochWindow(startTs int64, epoch uint64) (from, to int64, err error) {
	if epoch == 0 || epoch > LastEpoch {
		return 0, 0, fmt.Errorf("epoch %d has no window: epochs run from 1 to %d", epoch, LastEpoch)
	}
	span := int64(epoch) * EpochSeconds // epoch <= LastEpoch, so no overflow
	if startTs > math.MaxInt64-span {
		return 0, 0, fmt.Errorf("epoch %d of a schedule starting at %d ends past the largest unix time", epoch, startTs)
	}
	return startTs + span - EpochSeconds, startTs + span, nil
}
