package explorer

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/localnet"
)

// TestHistoryIsIncremental: a refresh adds what landed since the last one (a job created and
// cancelled) and leaves earlier receipts as they were.
func TestHistoryIsIncremental(t *testing.T) {
	ctx := t.Context()
	h := NewHistory(c, srv.log)
	require.NoError(t, h.Refresh(ctx))
	before := h.Receipts(nil)
	settled, ok := h.Receipt(scene.job)
	require.True(t, ok)

	buyer, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: 10 * ioUnit})
	require.NoError(t, err)
	id, _, err := c.Jobs.CreateJob(ctx, buyer, chain.Manifest.Mints.IO.Address, scene.terms)
	require.NoError(t, err)
	_, err = c.Jobs.CancelJob(ctx, buyer, id)
	require.NoError(t, err)

	h.feed.last = h.feed.last.Add(-refreshEvery) // due again
	require.NoError(t, h.Refresh(ctx))
	require.Len(t, h.Receipts(nil), len(before)+1)
	r, ok := h.Receipt(id)
	require.True(t, ok)
	require.True(t, r.Closed)
	require.Equal(t, jobs.OutcomeCancelled, r.Outcome)
	require.Equal(t, r.Escrowed, r.Refunded)
	require.True(t, r.HasTerms)
	require.Equal(t, scene.terms.PricePerHour, r.PricePerHour)
	require.Len(t, r.Timeline, 2)
	again, _ := h.Receipt(scene.job)
	require.Equal(t, settled, again)
}
