package schedule

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCumulativeAroundCheckpoints(t *testing.T) {
	// A running sum over every epoch, compared where the checkpoint arithmetic could slip.
	want := make([]uint64, LastEpoch+1)
	for epoch := uint64(1); epoch <= LastEpoch; epoch++ {
		want[epoch] = want[epoch-1] + Amount(epoch)
	}
	var epochs []uint64
	for _, cp := range []uint64{checkpointStride, 2 * checkpointStride, 8760, LastEpoch / checkpointStride * checkpointStride} {
		epochs = append(epochs, cp-1, cp, cp+1)
	}
	epochs = append(epochs, 0, 1, 2, LastEpoch-1, LastEpoch)
	for _, epoch := range epochs {
		assert.Equal(t, want[epoch], Cumulative(epoch), "epoch %d", epoch)
	}
}

func TestEntries(t *testing.T) {
	tests := []struct {
		name     string
		from, to uint64
		want     []Entry
	}{
		{"first two", 1, 2, []Entry{
			{Epoch: 1, Amount: 456_621_004_566, Cumulative: 456_621_004_566},
			{Epoch: 2, Amount: 456_614_663_492, Cumulative: 913_235_668_058},
		}},
		{"across the end", LastEpoch - 1, LastEpoch + 1, []Entry{
			{Epoch: LastEpoch - 1, Amount: 40_013_544_010, Cumulative: 29_999_959_986_968_058},
			{Epoch: LastEpoch, Amount: FinalEpochAmount, Cumulative: TotalEmission},
			{Epoch: LastEpoch + 1, Amount: 0, Cumulative: TotalEmission},
		}},
		{"one epoch", 8760, 8760, []Entry{
			{Epoch: 8760, Amount: 404_324_217_441, Cumulative: 3_766_298_066_326_943},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seq, err := Entries(tc.from, tc.to)
			require.NoError(t, err)
			var got []Entry
			for e := range seq {
				got = append(got, e)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestEntriesStopsWhenAsked(t *testing.T) {
	seq, err := Entries(1, ^uint64(0))
	require.NoError(t, err)
	n := 0
	for range seq {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func TestEntriesRejectsBadRanges(t *testing.T) {
	tests := []struct {
		from, to uint64
		msg      string
	}{
		{0, 5, "epoch range 0..5 starts at 0: epochs are numbered from 1"},
		{9, 3, "epoch range 9..3 is empty: the first epoch must not exceed the last"},
	}
	for _, tc := range tests {
		_, err := Entries(tc.from, tc.to)
		assert.EqualError(t, err, tc.msg)
	}
}

func TestPercentOfLaunch(t *testing.T) {
	assert.InDelta(t, 60.0, PercentOfLaunch(TotalEmission), 1e-12)
	assert.InDelta(t, 7.532596, PercentOfLaunch(Cumulative(8760)), 1e-6)
	assert.Zero(t, PercentOfLaunch(0))
}
