// Package metrics holds the worker's Prometheus series and serves them with a health check.
package metrics

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the worker's series on their own registry (several workers can share a process
// in tests).
type Metrics struct {
	Registry   *prometheus.Registry
	Jobs       *prometheus.CounterVec // phase: claimed, attested, settled, gave_up, lost
	Earnings   *prometheus.CounterVec // source: jobs, liveness; mint: IO, USDC (base units)
	Heartbeats *prometheus.CounterVec // result: ok, failed
	RPCErrors  *prometheus.CounterVec // op
	GPUUtil    *prometheus.GaugeVec   // uuid
	GPUTemp    *prometheus.GaugeVec   // uuid
	GPUMemory  *prometheus.GaugeVec   // uuid
	ClaimDelay prometheus.Histogram   // seconds from a job's creation (chain clock) to its claim

	mu     sync.Mutex
	lastOK time.Time
	err    string
	// ineligible is why the device cannot take jobs or heartbeat ("" while it can).
	ineligible string
}

// New creates the series.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Jobs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "worker_jobs_total",
			Help: "Jobs that reached each phase on this worker."}, []string{"phase"}),
		Earnings: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "worker_earnings_base_units_total",
			Help: "Payments received, by source (settled jobs, liveness rewards) and mint, in base units."}, []string{"source", "mint"}),
		Heartbeats: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "worker_heartbeats_total",
			Help: "Liveness heartbeats sent, by result."}, []string{"result"}),
		RPCErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "worker_rpc_errors_total",
			Help: "RPC and websocket failures, by operation."}, []string{"op"}),
		GPUUtil: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "worker_gpu_utilisation_percent",
			Help: "GPU utilisation at the last reading."}, []string{"uuid"}),
		GPUTemp: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "worker_gpu_temperature_celsius",
			Help: "GPU temperature at the last reading."}, []string{"uuid"}),
		GPUMemory: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "worker_gpu_memory_mib",
			Help: "GPU memory size."}, []string{"uuid"}),
		ClaimDelay: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "worker_claim_delay_seconds",
			Help: "Chain seconds from a job's creation to this worker's claim.", Buckets: prometheus.ExponentialBuckets(0.5, 2, 10)}),
	}
	m.Registry.MustRegister(m.Jobs, m.Earnings, m.Heartbeats, m.RPCErrors, m.GPUUtil, m.GPUTemp, m.GPUMemory, m.ClaimDelay,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// ChainOK records a successful chain read (for /healthz).
func (m *Metrics) ChainOK() {
	m.mu.Lock()
	m.lastOK, m.err = time.Now(), ""
	m.mu.Unlock()
}

// ChainFailed counts a failed operation and remembers its error.
func (m *Metrics) ChainFailed(op string, err error) {
	m.RPCErrors.WithLabelValues(op).Inc()
	m.mu.Lock()
	m.err = op + ": " + err.Error()
	m.mu.Unlock()
}

// SetEligible records whether the device may take jobs and heartbeat, and why not.
func (m *Metrics) SetEligible(ok bool, reason string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ineligible = ""; !ok {
		m.ineligible = reason
	}
}

// Handler serves /metrics and /healthz: 200 while the chain was read within staleAfter and
// the device is eligible for jobs, else 503 saying why.
func (m *Metrics) Handler(staleAfter time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		m.mu.Lock()
		lastOK, lastErr, ineligible := m.lastOK, m.err, m.ineligible
		m.mu.Unlock()
		body := map[string]any{"status": "ok", "lastChainRead": lastOK.UTC().Format(time.RFC3339)}
		code := http.StatusOK
		if lastOK.IsZero() || time.Since(lastOK) > staleAfter {
			code = http.StatusServiceUnavailable
			body["status"] = "stale: no chain read for longer than " + staleAfter.String()
			if lastErr != "" {
				body["error"] = lastErr
			}
		}
		if ineligible != "" && code == http.StatusOK {
			code = http.StatusServiceUnavailable
			body["status"] = "not eligible: " + ineligible
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(body)
	})
	return mux
}
