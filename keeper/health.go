package keeper

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves /metrics (Prometheus) and /healthz: 200 while the chain clock was read within
// staleAfter, else 503 with the last error.
func (k *Keeper) Handler(staleAfter time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(k.cfg.Metrics.Registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		k.healthMu.Lock()
		lastOK, chainTs, lastErr := k.lastOK, k.lastChain, k.lastErr
		k.healthMu.Unlock()
		body := map[string]any{"status": "ok", "chainTime": chainTs, "lastChainRead": lastOK.UTC().Format(time.RFC3339Nano)}
		code := http.StatusOK
		if lastOK.IsZero() || time.Since(lastOK) > staleAfter {
			code = http.StatusServiceUnavailable
			body["status"] = "stale: no chain read for longer than " + staleAfter.String()
			if lastErr != nil {
				body["error"] = lastErr.Error()
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(body)
	})
	return mux
}
