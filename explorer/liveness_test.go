package explorer

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission"
)

// TestEpochRows: the epochs the program keeps come from its report; older ones from the
// history: claimed, forfeited, or not live.
func TestEpochRows(t *testing.T) {
	rewards := &emission.DeviceRewards{Epochs: []emission.EpochReward{
		{Epoch: 99, Status: "not live: no heartbeat recorded"},
		{Epoch: 100, Live: true, Status: "live; the epoch is in progress", Weight: 10},
	}}
	history := map[uint64]Beat{
		97: {Weight: 10, TotalWeight: 40, Claimed: true, Share: 250_000_000},
		96: {Weight: 10, TotalWeight: 20},
	}
	beat := func(e uint64) (Beat, bool) { b, ok := history[e]; return b, ok }
	rows := epochRows(rewards, beat, 95, 100, 0, 10)
	var got []string
	for _, r := range rows {
		got = append(got, r.Status)
	}
	require.Equal(t, []string{
		"live; the epoch is in progress",
		"not live: no heartbeat recorded",
		"not live: no heartbeat recorded",
		"live; claimed",
		"live; not claimed while claimable (the program keeps the last 72 minted epochs): forfeited",
		"not live: no heartbeat recorded",
	}, got)
	require.Equal(t, "2.5", rows[3].Share.String())
	require.Nil(t, rows[4].Share)
	require.Equal(t, uint64(95), rows[5].Epoch)

	page := epochRows(rewards, beat, 95, 100, 4, 10) // the second page of four
	require.Len(t, page, 2)
	require.Equal(t, uint64(96), page[0].Epoch)
	require.Empty(t, epochRows(rewards, beat, 95, 100, 6, 10))
	require.Empty(t, epochRows(rewards, beat, 101, 100, 0, 10)) // registered after the current epoch
	require.Len(t, epochRows(rewards, beat, 1, 100, 0, 3), 3)
}
