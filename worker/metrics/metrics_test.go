package metrics

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	return rec.Code, string(body)
}

func TestHealthAndMetrics(t *testing.T) {
	m := New()
	h := m.Handler(time.Minute)
	m.ChainFailed("list", errors.New("connection refused"))
	code, body := get(t, h, "/healthz")
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "list: connection refused")

	m.ChainOK()
	m.Jobs.WithLabelValues("claimed").Inc()
	m.Earnings.WithLabelValues("jobs", "USDC").Add(2_000_000)
	code, body = get(t, h, "/healthz")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `"status":"ok"`)

	code, body = get(t, h, "/metrics")
	assert.Equal(t, http.StatusOK, code)
	for _, want := range []string{`worker_jobs_total{phase="claimed"} 1`, `worker_earnings_base_units_total{mint="USDC",source="jobs"} 2e+06`, `worker_rpc_errors_total{op="list"} 1`} {
		assert.Contains(t, body, want)
	}
}

// TestHealthWhileNotEligible: a device below its stake requirement is unhealthy, saying why,
// until it is eligible again.
func TestHealthWhileNotEligible(t *testing.T) {
	m := New()
	h := m.Handler(time.Minute)
	m.ChainOK()
	m.SetEligible(false, "stake 100 IO is below the 200 IO required")
	code, body := get(t, h, "/healthz")
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "not eligible: stake 100 IO is below the 200 IO required")
	m.SetEligible(true, "stake covers the requirement")
	code, _ = get(t, h, "/healthz")
	assert.Equal(t, http.StatusOK, code)
}
