package keeper

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
)

// Every kind's series exist at zero before the first step, lost races included: dashboards (and
// the e2e test's /metrics check) must not depend on whether a race was lost yet.
func TestMetricsSeriesExistAtZero(t *testing.T) {
	m := NewMetrics()
	m.kinds([]string{"settle", "crank"})
	for _, c := range []struct {
		name  string
		count int
	}{
		{"keeper_steps_total", 2},
		{"keeper_races_lost_total", 4}, // two kinds, fresh_read and failed
		{"keeper_lag_seconds", 2},
		{"keeper_rpc_errors_total", len(rpcOps)},
	} {
		n, err := testutil.GatherAndCount(m.Registry, c.name)
		require.NoError(t, err)
		require.Equal(t, c.count, n, c.name)
	}
	require.Zero(t, testutil.ToFloat64(m.RacesLost.WithLabelValues("settle", raceFailed)))
}
