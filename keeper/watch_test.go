package keeper_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestWebsocketFindsNewWork: with no rescan after the first, jobs posted later are learned from
// program notifications alone and settled or expired when due; cancelling Run stops it cleanly.
func TestWebsocketFindsNewWork(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet")
	}
	t.Parallel() // a chain of its own
	w := newWorld(t)
	var logs bytes.Buffer
	k, err := keeper.New(w.chain.Client, keeper.Config{
		Payer: localnettest.NewWallet(t, w.chain, 0), Duties: w.duties(), WSURL: w.chain.WSURL, TipMint: w.chain.Manifest.Mints.IO.Address,
		Tick: 100 * time.Millisecond, Rescan: time.Hour, Log: slog.New(slog.NewJSONHandler(&logs, nil)),
	})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(localnettest.Context(t))
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()

	// The only scan happens on the first tick, before any job exists.
	require.Eventually(t, func() bool { return testutil.ToFloat64(k.Metrics().LastChainTs) > 0 }, 10*time.Second, 50*time.Millisecond)
	runs := w.postJobs(3, 2)
	w.warp(3 * time.Hour)
	w.waitClear(20 * time.Second)
	for _, job := range w.fetchJobs(runs) {
		assert.Nil(t, job)
	}
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
	stats := k.Stats()
	assert.Equal(t, 2, stats.Steps[duties.KindSettle], "%s", logs.String())
	assert.Equal(t, 1, stats.Steps[duties.KindExpire])
	assert.Equal(t, 1, stats.Steps[duties.KindCrank])
	st, err := w.em.FetchState(localnettest.Context(t))
	require.NoError(t, err)
	assert.Equal(t, st.CrankTip, stats.TipsEarned, "the crank tip only: an expiry's paid share goes to the IO treasury")
}
