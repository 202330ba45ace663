package keeper

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper/plan"
)

// Defaults for Config's zero fields.
const (
	DefaultTick     = time.Second
	DefaultRescan   = 30 * time.Second
	DefaultMaxUnits = 1_400_000 // the most compute one transaction may ask for
	DefaultParallel = 4
	// sendTimeout bounds one transaction's send and confirmation; it outlives a cancelled run so
	// that a shutdown waits for the transaction in flight instead of abandoning it.
	sendTimeout = 90 * time.Second
	// maxRounds bounds how often one pass re-reads and re-sends what is left of a kind's due
	// tasks after a step of a batch failed.
	maxRounds = 8
	// holdBase and holdLimit bound the backoff of a step that failed for a reason other than a
	// lost race: a program refusal does not change by itself within seconds.
	holdBase  = 5 * time.Second
	holdLimit = 5 * time.Minute
)

// Config is what a Keeper runs with.
type Config struct {
	// Payer signs and pays every transaction and receives the tips.
	Payer  solana.PrivateKey
	Duties []Duty
	// TipMint is the mint tips are paid in (IO); zero: tips are not counted.
	TipMint solana.PublicKey
	// WSURL is the websocket endpoint for program subscriptions; "" relies on rescans alone.
	WSURL string
	// Tick is how often due work is checked against the chain clock (default 1 s).
	Tick time.Duration
	// Rescan is how often every duty's work is listed again from scratch (default 30 s).
	Rescan time.Duration
	// PriorityFee is the compute-unit price in micro-lamports (0: none); with FeePercentile it
	// is the floor of the bid.
	PriorityFee uint64
	// FeePercentile (1..100) bids that percentile of the recent prioritization fees paid for
	// the accounts a transaction writes (getRecentPrioritizationFees); 0 bids PriorityFee.
	FeePercentile int
	// MaxPriorityFee caps the bid (0: no cap).
	MaxPriorityFee uint64
	// MaxUnits caps the compute units one transaction asks for (default 1,400,000).
	MaxUnits uint64
	// Parallel is how many transactions of one kind are in flight at once (default 4).
	Parallel int
	Metrics  *Metrics
	Log      *slog.Logger
}

// Keeper finds and executes due work. Run (or Once) owns it; Handler may be served meanwhile.
type Keeper struct {
	cfg   Config
	sx    *solanax.Client
	duty  map[string]Duty
	view  map[string]plan.Task // pending tasks by name, due or not
	holds plan.Holds
	stats Stats
	// chainFailures counts consecutive failed chain reads; the loop waits until retryAt.
	chainFailures int
	retryAt       time.Time

	healthMu  sync.Mutex
	lastOK    time.Time
	lastChain int64
	lastErr   error
}

// Stats is what a keeper did since it started.
type Stats struct {
	Steps        map[string]int `json:"steps"`
	RacesLost    int            `json:"racesLost"`
	Transactions int            `json:"transactions"`
	Failed       int            `json:"failedTransactions"`
	TipsEarned   uint64         `json:"tipsEarned"`
	FeesPaid     uint64         `json:"feesPaid"`
}

// TotalSteps is the sum over kinds.
func (s Stats) TotalSteps() int {
	n := 0
	for _, v := range s.Steps {
		n += v
	}
	return n
}

// New returns a keeper sending through sx.
func New(sx *solanax.Client, cfg Config) (*Keeper, error) {
	if len(cfg.Payer) == 0 {
		return nil, errors.New("keeper: no payer keypair: pass --keypair")
	}
	if len(cfg.Duties) == 0 {
		return nil, errors.New("keeper: no duties")
	}
	if cfg.Parallel < 0 || cfg.Tick < 0 || cfg.Rescan < 0 {
		return nil, fmt.Errorf("keeper: parallel %d, tick %s and rescan %s must not be negative", cfg.Parallel, cfg.Tick, cfg.Rescan)
	}
	if cfg.FeePercentile < 0 || cfg.FeePercentile > 100 {
		return nil, fmt.Errorf("keeper: priority fee percentile %d: give 1 to 100, or 0 for a fixed fee", cfg.FeePercentile)
	}
	cfg.Tick = cmpOr(cfg.Tick, DefaultTick)
	cfg.Rescan = cmpOr(cfg.Rescan, DefaultRescan)
	cfg.MaxUnits = cmpOr(cfg.MaxUnits, DefaultMaxUnits)
	cfg.Parallel = cmpOr(cfg.Parallel, DefaultParallel)
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	k := &Keeper{cfg: cfg, sx: sx, duty: map[string]Duty{}, view: map[string]plan.Task{},
		holds: plan.Holds{Base: holdBase, Limit: holdLimit}, stats: Stats{Steps: map[string]int{}}}
	var kinds []string
	for _, d := range cfg.Duties {
		if _, dup := k.duty[d.Kind()]; dup {
			return nil, fmt.Errorf("keeper: duty %s given twice", d.Kind())
		}
		k.duty[d.Kind()] = d
		kinds = append(kinds, d.Kind())
	}
	cfg.Metrics.kinds(kinds)
	return k, nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Metrics are the keeper's series.
func (k *Keeper) Metrics() *Metrics { return k.cfg.Metrics }

// Stats is a copy of what the keeper did so far (call it from the goroutine running it).
func (k *Keeper) Stats() Stats {
	out := k.stats
	out.Steps = map[string]int{}
	for kind, n := range k.stats.Steps {
		out.Steps[kind] = n
	}
	return out
}

// Run keeps the protocol moving until ctx ends: it rescans every Rescan, applies websocket
// notifications as they come, and executes what is due every Tick. It returns nil on a clean
// shutdown; the transaction in flight, if any, is confirmed first.
func (k *Keeper) Run(ctx context.Context) error {
	updates := make(chan update, 1024)
	if k.cfg.WSURL != "" {
		go k.watch(ctx, updates)
	}
	tick := time.NewTicker(k.cfg.Tick)
	defer tick.Stop()
	rescan := time.NewTicker(k.cfg.Rescan)
	defer rescan.Stop()
	k.cfg.Log.Info("keeper running", "payer", k.cfg.Payer.PublicKey(), "duties", len(k.cfg.Duties),
		"tick", k.cfg.Tick, "rescan", k.cfg.Rescan, "websocket", k.cfg.WSURL != "", "priorityFee", k.cfg.PriorityFee)
	needRescan := true
	for {
		select {
		case <-ctx.Done():
			k.cfg.Log.Info("keeper stopping", "steps", k.stats.TotalSteps(), "racesLost", k.stats.RacesLost)
			return nil
		case u := <-updates:
			if u.resync {
				needRescan = true
				continue
			}
			k.apply(u)
		case <-rescan.C:
			needRescan = true
		case <-tick.C:
			if time.Now().Before(k.retryAt) {
				continue
			}
			if needRescan {
				if k.rescan(ctx) != nil {
					continue
				}
				needRescan = false
			}
			_, _ = k.pass(ctx)
		}
	}
}

// maxOnceRounds bounds Once: each round rescans and runs a pass (an emission catch-up of more
// epochs than one crank mints takes several).
const maxOnceRounds = 64

// Once rescans and executes everything due, round after round, until nothing is due. It fails
// when due work is left that a round could not move (the log says why).
func (k *Keeper) Once(ctx context.Context) (Stats, error) {
	for range maxOnceRounds {
		if err := k.rescan(ctx); err != nil {
			return k.Stats(), err
		}
		before := k.stats.TotalSteps() + k.stats.RacesLost
		now, err := k.pass(ctx)
		if err != nil {
			return k.Stats(), err
		}
		due, _ := plan.Due(k.tasks(), now, nil)
		if len(due) == 0 {
			return k.Stats(), nil
		}
		if k.stats.TotalSteps()+k.stats.RacesLost == before {
			return k.Stats(), fmt.Errorf("keeper: %d due steps could not be done (first: %s %d): see the log for the program or RPC error", len(due), due[0].Kind, due[0].ID)
		}
	}
	return k.Stats(), fmt.Errorf("keeper: work still due after %d rounds", maxOnceRounds)
}

func (k *Keeper) tasks() []plan.Task {
	out := make([]plan.Task, 0, len(k.view))
	for _, t := range k.view {
		out = append(out, t)
	}
	return out
}

// rescan replaces each duty's view by a fresh listing; a duty whose scan fails keeps its old view.
func (k *Keeper) rescan(ctx context.Context) error {
	var errs []error
	for _, d := range k.cfg.Duties {
		tasks, err := d.Scan(ctx)
		if err != nil {
			k.rpcFailure("scan", fmt.Errorf("scan %s: %w", d.Kind(), err))
			errs = append(errs, err)
			continue
		}
		for name, t := range k.view {
			if t.Kind == d.Kind() {
				delete(k.view, name)
			}
		}
		for _, t := range tasks {
			k.view[t.Name()] = t
		}
	}
	return errors.Join(errs...)
}

// pass executes every due task at the current chain time, kind by kind, and returns that time.
func (k *Keeper) pass(ctx context.Context) (int64, error) {
	begin := time.Now()
	now, err := solanax.ChainTime(ctx, k.sx.RPC)
	if err != nil {
		k.rpcFailure("clock", err)
		return 0, err
	}
	k.chainOK(now)
	m := k.cfg.Metrics
	m.LastChainTs.Set(float64(now))
	due, _ := plan.Due(k.tasks(), now, func(t plan.Task) bool { return k.holds.Held(t.Name(), time.Now()) })
	k.gauges(due, now)
	for _, group := range plan.ByKind(due) {
		if ctx.Err() != nil {
			break
		}
		k.runKind(ctx, k.duty[group[0].Kind], group, now)
	}
	if len(due) > 0 {
		m.PassSeconds.Observe(time.Since(begin).Seconds())
		remaining, _ := plan.Due(k.tasks(), now, nil)
		k.gauges(remaining, now)
	}
	return now, nil
}

// gauges sets the known, due and lag gauges of every kind.
func (k *Keeper) gauges(due []plan.Task, now int64) {
	m := k.cfg.Metrics
	known := map[string]int{}
	for _, t := range k.view {
		known[t.Kind]++
	}
	dueBy := map[string]int{}
	for _, t := range due {
		dueBy[t.Kind]++
	}
	lag := plan.Lag(due, now)
	for kind := range k.duty {
		m.KnownTasks.WithLabelValues(kind).Set(float64(known[kind]))
		m.DueTasks.WithLabelValues(kind).Set(float64(dueBy[kind]))
		m.Lag.WithLabelValues(kind).Set(float64(lag[kind]))
	}
}

// rpcFailure counts and logs a failed chain read and backs the next attempt off.
func (k *Keeper) rpcFailure(op string, err error) {
	k.cfg.Metrics.RPCErrors.WithLabelValues(op).Inc()
	k.chainFailures++
	wait := plan.Backoff(k.chainFailures, k.cfg.Tick, 30*time.Second)
	k.retryAt = time.Now().Add(wait)
	k.cfg.Log.Warn("chain read failed; backing off", "op", op, "err", err, "retryIn", wait)
	k.healthMu.Lock()
	k.lastErr = err
	k.healthMu.Unlock()
}

func (k *Keeper) chainOK(now int64) {
	k.chainFailures = 0
	k.healthMu.Lock()
	k.lastOK, k.lastChain, k.lastErr = time.Now(), now, nil
	k.healthMu.Unlock()
}
