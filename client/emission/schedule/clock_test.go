package schedule

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEpochAt(t *testing.T) {
	const start = int64(1_700_000_000)
	end := start + int64(LastEpoch)*EpochSeconds
	tests := []struct {
		name       string
		start, now int64
		epoch      uint64
		ended      bool
		lastEnded  uint64
	}{
		{"before the start", start, start - 1, 0, false, 0},
		{"at the start", start, start, 1, false, 0},
		{"last second of epoch 1", start, start + 3599, 1, false, 0},
		{"first second of epoch 2", start, start + 3600, 2, false, 1},
		{"one year in", start, start + 8760*3600, 8761, false, 8760},
		{"last second of the final epoch", start, end - 1, LastEpoch, false, LastEpoch - 1},
		{"final epoch over", start, end, LastEpoch + 1, true, LastEpoch},
		{"long after", start, end + 10*3600, LastEpoch + 11, true, LastEpoch},
		{"extreme times", math.MinInt64, math.MaxInt64, math.MaxUint64/EpochSeconds + 1, true, LastEpoch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			epoch, ended := EpochAt(tc.start, tc.now)
			assert.Equal(t, tc.epoch, epoch)
			assert.Equal(t, tc.ended, ended)
			assert.Equal(t, tc.lastEnded, LastEndedEpoch(tc.start, tc.now))
		})
	}
}

func TestEpochWindow(t *testing.T) {
	const start = int64(1_700_000_000)
	tests := []struct {
		epoch    uint64
		from, to int64
	}{
		{1, start, start + 3600},
		{2, start + 3600, start + 7200},
		{LastEpoch, start + int64(LastEpoch-1)*3600, start + int64(LastEpoch)*3600},
	}
	for _, tc := range tests {
		from, to, err := EpochWindow(start, tc.epoch)
		require.NoError(t, err)
		assert.Equal(t, tc.from, from, "epoch %d", tc.epoch)
		assert.Equal(t, tc.to, to, "epoch %d", tc.epoch)
		epoch, _ := EpochAt(start, from)
		assert.Equal(t, tc.epoch, epoch, "the window's first second is in the epoch")
		epoch, _ = EpochAt(start, to-1)
		assert.Equal(t, tc.epoch, epoch, "the window's last second is in the epoch")
	}
}

func TestEpochWindowRejects(t *testing.T) {
	tests := []struct {
		start int64
		epoch uint64
		msg   string
	}{
		{0, 0, "epoch 0 has no window: epochs run from 1 to 175319"},
		{0, LastEpoch + 1, "epoch 175320 has no window: epochs run from 1 to 175319"},
		{math.MaxInt64 - 3599, 1, "epoch 1 of a schedule starting at 9223372036854772208 ends past the largest unix time"},
	}
	for _, tc := range tests {
		_, _, err := EpochWindow(tc.start, tc.epoch)
		assert.EqualError(t, err, tc.msg)
	}
	_, to, err := EpochWindow(math.MaxInt64-3600, 1)
	require.NoError(t, err)
	assert.Equal(t, int64(math.MaxInt64), to)
}
