package keeper

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the keeper's Prometheus series, registered on their own registry so that several
// keepers (tests, benchmarks) can live in one process.
type Metrics struct {
	Registry     *prometheus.Registry
	Steps        *prometheus.CounterVec // kind
	Transactions *prometheus.CounterVec // result: ok, failed
	RacesLost    *prometheus.CounterVec // kind, how: fresh_read, failed
	ProgramErrs  *prometheus.CounterVec // kind, error
	Tips         prometheus.Counter     // IO base units
	Lag          *prometheus.GaugeVec   // kind
	DueTasks     *prometheus.GaugeVec   // kind
	KnownTasks   *prometheus.GaugeVec   // kind
	RPCErrors    *prometheus.CounterVec // op
	Reconnects   prometheus.Counter     // websocket
	PassSeconds  prometheus.Histogram   // one pass over due work
	FeesPaid     prometheus.Counter     // lamports
	LastChainTs  prometheus.Gauge       // chain clock at the last pass
}

// NewMetrics creates the series on a fresh registry (with Go and process collectors).
func NewMetrics() *Metrics {
	r := prometheus.NewRegistry()
	f := func(c prometheus.Collector) { r.MustRegister(c) }
	m := &Metrics{
		Registry: r,
		Steps: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "keeper_steps_total",
			Help: "Protocol steps this keeper executed on-chain, by kind."}, []string{"kind"}),
		Transactions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "keeper_transactions_total",
			Help: "Transactions sent, by result."}, []string{"result"}),
		RacesLost: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "keeper_races_lost_total",
			Help: "Due steps another keeper did first: seen on a fresh read, or failed with the program's already-done error."}, []string{"kind", "how"}),
		ProgramErrs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "keeper_program_errors_total",
			Help: "Steps that failed for a program reason other than a lost race, by decoded error name."}, []string{"kind", "error"}),
		Tips: prometheus.NewCounter(prometheus.CounterOpts{Name: "keeper_tips_earned_base_units_total",
			Help: "IO base units paid to this keeper by the steps it executed (crank tips)."}),
		Lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "keeper_lag_seconds",
			Help: "How long the oldest due task of each kind has been due, in chain seconds."}, []string{"kind"}),
		DueTasks: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "keeper_due_tasks",
			Help: "Tasks due now, by kind."}, []string{"kind"}),
		KnownTasks: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "keeper_known_tasks",
			Help: "Pending tasks known (due or not), by kind."}, []string{"kind"}),
		RPCErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "keeper_rpc_errors_total",
			Help: "RPC and websocket failures (unanswered, refused, expired blockhash), by operation."}, []string{"op"}),
		Reconnects: prometheus.NewCounter(prometheus.CounterOpts{Name: "keeper_websocket_reconnects_total",
			Help: "Websocket subscriptions re-established after a drop."}),
		PassSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "keeper_pass_seconds",
			Help: "Wall time of one pass over the due work.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 14)}),
		FeesPaid: prometheus.NewCounter(prometheus.CounterOpts{Name: "keeper_fees_paid_lamports_total",
			Help: "Transaction fees (base and priority) this keeper paid."}),
		LastChainTs: prometheus.NewGauge(prometheus.GaugeOpts{Name: "keeper_chain_time_seconds",
			Help: "The chain clock (unix seconds) at the last pass."}),
	}
	for _, c := range []prometheus.Collector{m.Steps, m.Transactions, m.RacesLost, m.ProgramErrs, m.Tips, m.Lag, m.DueTasks,
		m.KnownTasks, m.RPCErrors, m.Reconnects, m.PassSeconds, m.FeesPaid, m.LastChainTs,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{})} {
		f(c)
	}
	return m
}

// kinds makes every kind's series exist at zero, so dashboards see them before the first step.
func (m *Metrics) kinds(kinds []string) {
	for _, k := range kinds {
		m.Steps.WithLabelValues(k)
		m.Lag.WithLabelValues(k)
		m.DueTasks.WithLabelValues(k)
		m.KnownTasks.WithLabelValues(k)
		for _, how := range []string{raceFreshRead, raceFailed} {
			m.RacesLost.WithLabelValues(k, how)
		}
	}
	for _, op := range rpcOps {
		m.RPCErrors.WithLabelValues(op)
	}
}

// How a race was lost (keeper_races_lost_total's "how"): the fresh read before the step found it
// done, or the step failed with the program's already-done error.
const (
	raceFreshRead = "fresh_read"
	raceFailed    = "failed"
)

// rpcOps are the operations whose failures keeper_rpc_errors_total counts.
var rpcOps = []string{"clock", "scan", "prepare", "send", "details", "fees", "websocket"}
