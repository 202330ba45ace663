// Package sim simulates the economics of audits by sampling (issue #16) over many jobs: what a
// worker gains by cheating, and what a checker gains by re-running honestly, answering without
// re-running (lazy: the worker attests a sealed digest, so a lazy checker cannot answer "match"
// and answers "mismatch"), or covering for a worker it colludes with (the worker hands it the
// digest). It mirrors the jobs
// program's rules (draw with audit_rate_bps, one checker, two more after a mismatch, the majority
// of three decides; fraud_penalty slashed with slash_burn_bps burned and the rest paid to the
// majority; checker_minority_penalty from a checker outvoted; audit_fee_bps of the reservation
// fee to the checkers who matched an honest result) and checks itself against the closed forms
// of SECURITY.md "Audit incentives".
package sim

import (
	"math/rand/v2"
)

// Params are the protocol's parameters, in IO (job values in the job's currency, taken as IO).
type Params struct {
	AuditRateBps      float64 // share of attested jobs drawn for an audit (basis points)
	AuditFeeBps       float64 // share of the reservation fee paid to the matching checkers
	ReservationFeeBps float64 // the job's reservation fee, on top of its price
	FraudPenalty      float64 // slashed from a device convicted of a wrong result
	SlashBurnBps      float64 // share of a slash burned; the rest goes to the majority checkers
	MinorityPenalty   float64 // a checker outvoted by the majority
}

// Defaults are the deployed defaults (deploy/deploy.yaml and AUDIT-DESIGN.md).
func Defaults() Params {
	return Params{AuditRateBps: 1000, AuditFeeBps: 5000, ReservationFeeBps: 25, FraudPenalty: 1000,
		SlashBurnBps: 5000, MinorityPenalty: 50}
}

// Scenario is one row: the job, the worker's strategy and the checkers' mix.
type Scenario struct {
	Name      string
	JobValue  float64 // what the buyer pays the worker for the job (its escrow, fee apart)
	CostShare float64 // the worker's (and a re-running checker's) cost to run it, as a share of JobValue
	CheatRate float64 // share of its jobs the worker fakes (returns a result without running the job)
	Lazy      float64 // share of checker stake that answers "mismatch" without re-running
	Colluding float64 // share of checker stake that answers "match" for this worker's jobs (given the digest)
	Params    Params
}

// Result is what a scenario's jobs averaged to, per job (worker) and per audit (checkers).
type Result struct {
	Jobs, Audits, Cheated, Convicted int
	// WorkerProfit is the worker's mean profit per job (pay - cost - slashes); HonestProfit is
	// what the same jobs pay an honest worker (JobValue*(1-CostShare)).
	WorkerProfit, HonestProfit float64
	// HonestChecker and LazyChecker are the mean profit of one checker seat per audit it sits in:
	// fee and slash shares earned, minus penalties and (honest only) the re-run's cost.
	HonestChecker, LazyChecker float64
	// CaughtShare is the share of faked jobs that ended convicted.
	CaughtShare float64
}

type kind int

const (
	honest kind = iota
	lazy
	colluding
)

type seat struct {
	kind   kind
	match  bool
	profit float64
}

// Run simulates jobs jobs of s with a fixed seed (the table is reproducible).
func Run(s Scenario, jobs int, seed uint64) Result {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p := s.Params
	cost := s.CostShare * s.JobValue
	fee := s.JobValue * p.ReservationFeeBps / 10_000 * p.AuditFeeBps / 10_000
	slashPaid := p.FraudPenalty * (1 - p.SlashBurnBps/10_000)
	r := Result{Jobs: jobs, HonestProfit: s.JobValue - cost}
	var worker float64
	var honestSeats, lazySeats int
	var honestSum, lazySum float64
	pick := func() kind {
		x := rng.Float64()
		switch {
		case x < s.Lazy:
			return lazy
		case x < s.Lazy+s.Colluding:
			return colluding
		}
		return honest
	}
	for range jobs {
		faked := rng.Float64() < s.CheatRate
		if faked {
			r.Cheated++
		} else {
			worker -= cost
		}
		if rng.Float64() >= p.AuditRateBps/10_000 {
			worker += s.JobValue // not drawn: settles as today
			continue
		}
		r.Audits++
		// A seat's verdict: an honest checker re-runs (pays the cost) and says the truth; a
		// colluding one submits the digest the worker gave it: match; a lazy one cannot open the
		// sealed result without re-running: mismatch.
		verdict := func(k kind) seat {
			st := seat{kind: k, match: k == colluding}
			if k == honest {
				st.profit -= cost
				st.match = !faked
			}
			return st
		}
		seats := []seat{verdict(pick())}
		if !seats[0].match {
			seats = append(seats, verdict(pick()), verdict(pick()))
		}
		mismatches := 0
		for _, st := range seats {
			if !st.match {
				mismatches++
			}
		}
		convicted := mismatches*2 > len(seats)
		var majority, minority []int
		for i, st := range seats {
			if st.match != convicted {
				majority = append(majority, i)
			} else {
				minority = append(minority, i)
			}
		}
		pool := float64(len(minority)) * p.MinorityPenalty
		if convicted {
			r.Convicted++
			worker -= p.FraudPenalty // the buyer is refunded: no pay
			pool += slashPaid
		} else {
			worker += s.JobValue
			pool += fee
		}
		for _, i := range minority {
			seats[i].profit -= p.MinorityPenalty
		}
		for _, i := range majority {
			seats[i].profit += pool / float64(len(majority))
		}
		for _, st := range seats {
			switch st.kind {
			case honest:
				honestSeats++
				honestSum += st.profit
			case lazy:
				lazySeats++
				lazySum += st.profit
			}
		}
	}
	r.WorkerProfit = worker / float64(jobs)
	if honestSeats > 0 {
		r.HonestChecker = honestSum / float64(honestSeats)
	}
	if lazySeats > 0 {
		r.LazyChecker = lazySum / float64(lazySeats)
	}
	if r.Cheated > 0 {
		r.CaughtShare = float64(r.Convicted) / float64(r.Cheated)
	}
	return r
}

// CatchProbability is q: the chance an audit of a faked result ends convicted, when a share h
// of checker stake answers "mismatch" to it (honest or lazy checkers: all but the colluding):
// the first checker must, then one of the next two. The same shape gives z = CatchProbability(l),
// the chance an honest result is convicted by a share l of lazy checkers.
func CatchProbability(h float64) float64 { return h * (1 - (1-h)*(1-h)) }

// CheatGain is the closed form of a worker's expected gain per faked job over running it:
// cost saved - a*q*(value + penalty).
func CheatGain(s Scenario) float64 {
	a := s.Params.AuditRateBps / 10_000
	q := CatchProbability(1 - s.Colluding)
	return s.CostShare*s.JobValue - a*q*(s.JobValue+s.Params.FraudPenalty)
}

// WorkerGain is the closed form of a worker's expected gain per job over an honest worker who
// is never wrongly convicted: cheat rate * CheatGain, less what lazy "mismatch" answers cost its
// honest jobs (a*z*(value + penalty), z = CatchProbability(lazy share)).
func WorkerGain(s Scenario) float64 {
	a := s.Params.AuditRateBps / 10_000
	z := CatchProbability(s.Lazy)
	return s.CheatRate*CheatGain(s) - (1-s.CheatRate)*a*z*(s.JobValue+s.Params.FraudPenalty)
}

// BreakEvenValue is the job value above which faking a job pays in expectation (every checker
// honest): cost share*V = a*(V+F), so V* = a*F/(cost share - a); no limit when a >= cost share.
func BreakEvenValue(p Params, costShare float64) (float64, bool) {
	a := p.AuditRateBps / 10_000
	if a >= costShare {
		return 0, false
	}
	return a * p.FraudPenalty / (costShare - a), true
}
