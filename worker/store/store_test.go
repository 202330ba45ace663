package store

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStoreSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	recs := []Record{
		{ID: 3, Phase: Attested, Mint: "IO", PricePerHour: 10, ResultHash: [32]byte{1}},
		{ID: 1, Phase: Claiming, Mint: "USDC"},
		{ID: 2, Phase: Settled, Paid: 5},
	}
	for _, r := range recs {
		require.NoError(t, s.Put(r))
	}
	require.NoError(t, s.Put(Record{ID: 1, Phase: Claimed, Mint: "USDC", ClaimedTs: 100}))
	require.NoError(t, s.Close())

	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	got, ok := s.Get(1)
	require.True(t, ok)
	assert.Equal(t, Record{ID: 1, Phase: Claimed, Mint: "USDC", ClaimedTs: 100}, got)
	assert.Equal(t, []Record{{ID: 1, Phase: Claimed, Mint: "USDC", ClaimedTs: 100}, recs[0]}, s.Open())
	assert.Len(t, s.All(), 3)
	_, err = os.Stat(filepath.Join(dir, "state.json.tmp"))
	assert.ErrorIs(t, err, os.ErrNotExist, "no temporary file is left behind")
}

func TestStoreRefusesASecondWorker(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()
	_, err = Open(dir)
	require.ErrorContains(t, err, "in use by another worker")
}

func TestStoreRefusesCorruptState(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "state.json"), []byte("{half"), 0o644))
	_, err := Open(dir)
	require.ErrorContains(t, err, "is corrupt")
	// The failed open released its lock.
	require.NoError(t, os.Remove(filepath.Join(dir, "state.json")))
	s, err := Open(dir)
	require.NoError(t, err)
	require.NoError(t, s.Close())
}

func TestPhaseFinal(t *testing.T) {
	for p, final := range map[Phase]bool{Claiming: false, Claimed: false, Ran: false, Attested: false, Settled: true, GaveUp: true, Lost: true, Cancelled: true} {
		assert.Equal(t, final, p.Final(), p)
	}
}
