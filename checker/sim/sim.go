// Package sim simulates the economics of audits by sampling (issue #16) over many jobs: what a
// worker gains by cheating, and what a checker gains by re-running honestly, answering without
// re-running (lazy: the worker attests a sealed digest, so a lazy checker cannot answer "match"
// and answers "mismatch" with a digest of its own), covering for a worker it colludes with (the
// worker hands it the digest), or answering "mismatch" with a fake digest shared by a cartel of
// checkers. It mirrors the jobs program's rules (draw with audit_rate_bps, one checker, two more
// after a mismatch; honest when two match, fraud when two mismatches carry the same digest, else
// honest with no conviction; fraud_penalty slashed with slash_burn_bps burned and the rest paid
// to the upheld verdicts; checker_minority_penalty from every other verdict when some verdict
// was upheld; audit_fee_bps of the reservation fee to the checkers who matched an honest
// result) and checks itself against the closed forms of SECURITY.md "Audit incentives".
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
	MinorityPenalty   float64 // a checker in the minority (a verdict the decision does not uphold)
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
	Lazy      float64 // share of checker stake that answers "mismatch" without re-running (its own made-up digest)
	Colluding float64 // share of checker stake that answers "match" for this worker's jobs (given the digest)
	Cartel    float64 // share of checker stake that answers "mismatch" with one fake digest they share
	Params    Params
}

// Result is what a scenario's jobs averaged to, per job (worker) and per audit (checkers).
type Result struct {
	Jobs, Audits, Cheated, Convicted int
	// WorkerProfit is the worker's mean profit per job (pay - cost - slashes); HonestProfit is
	// what the same jobs pay an honest worker (JobValue*(1-CostShare)).
	WorkerProfit, HonestProfit float64
	// HonestChecker, LazyChecker and CartelChecker are the mean profit of one checker seat per
	// audit it sits in: fee and slash shares earned, minus penalties and (honest only) the re-run's
	// cost.
	HonestChecker, LazyChecker, CartelChecker float64
	// CaughtShare is the share of faked jobs that ended convicted.
	CaughtShare float64
}

type kind int

const (
	honest kind = iota
	lazy
	colluding
	cartel
)

// Digests a seat submits: the attested one (a match), the true re-run of a faked job, the
// cartel's fake; a lazy seat's own is lazyDigest plus a counter (never shared).
const (
	attested = iota
	trueRerun
	cartelFake
	lazyDigest
)

type seat struct {
	kind   kind
	digest int
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
	var seatsOf [4]int
	var sumOf [4]float64
	fresh := lazyDigest
	pick := func() kind {
		x := rng.Float64()
		switch {
		case x < s.Lazy:
			return lazy
		case x < s.Lazy+s.Colluding:
			return colluding
		case x < s.Lazy+s.Colluding+s.Cartel:
			return cartel
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
		// A seat's verdict: an honest checker re-runs (pays the cost) and submits the true digest;
		// a colluding one submits the digest the worker gave it: match; a lazy one cannot open
		// the sealed result without re-running: a made-up digest; a cartel member the cartel's.
		verdict := func(k kind) seat {
			st := seat{kind: k}
			switch k {
			case honest:
				st.profit -= cost
				if faked {
					st.digest = trueRerun
				}
			case lazy:
				fresh++
				st.digest = fresh
			case cartel:
				st.digest = cartelFake
			}
			return st
		}
		seats := []seat{verdict(pick())}
		if seats[0].digest != attested {
			seats = append(seats, verdict(pick()), verdict(pick()))
		}
		upheld, convicted := decide(seats)
		var winners []int
		pool := 0.0
		for i := range seats {
			if upheld[i] {
				winners = append(winners, i)
			}
		}
		if len(winners) > 0 {
			for i := range seats {
				if !upheld[i] {
					seats[i].profit -= p.MinorityPenalty
					pool += p.MinorityPenalty
				}
			}
		}
		if convicted {
			r.Convicted++
			worker -= p.FraudPenalty // the buyer is refunded: no pay
			pool += slashPaid
		} else {
			worker += s.JobValue
			if len(winners) > 0 {
				pool += fee // else no checker matched: the fee share goes to the treasury
			}
		}
		for _, i := range winners {
			seats[i].profit += pool / float64(len(winners))
		}
		for _, st := range seats {
			seatsOf[st.kind]++
			sumOf[st.kind] += st.profit
		}
	}
	r.WorkerProfit = worker / float64(jobs)
	mean := func(k kind) float64 {
		if seatsOf[k] == 0 {
			return 0
		}
		return sumOf[k] / float64(seatsOf[k])
	}
	r.HonestChecker, r.LazyChecker, r.CartelChecker = mean(honest), mean(lazy), mean(cartel)
	if r.Cheated > 0 {
		r.CaughtShare = float64(r.Convicted) / float64(r.Cheated)
	}
	return r
}

// decide is the program's decision over seats (audit::Audit::decision and upheld): one seat
// decides only when it matches; of three, two matches are honest, two mismatches on the same
// digest a fraud, anything else honest with no conviction. upheld are the seats the decision
// upholds (the matches, or the agreeing mismatches); the others given are in the minority.
func decide(seats []seat) (upheld []bool, convicted bool) {
	upheld = make([]bool, len(seats))
	count := map[int]int{}
	for _, st := range seats {
		count[st.digest]++
	}
	winner := attested
	for d, n := range count {
		if d != attested && n >= 2 {
			winner, convicted = d, true
		}
	}
	for i, st := range seats {
		upheld[i] = st.digest == winner
	}
	return upheld, convicted
}

// CatchProbability is q: the chance an audit of a faked result ends convicted, with shares h of
// checker stake honest, l lazy and k in a cartel (the rest colluding with the worker): the first
// checker must mismatch, then two of the three must agree on a digest: two honest re-runs (the
// true digest) or two cartel members (their fake); lazy answers never agree. With k = 0:
// h*(1-(1-h)^2) + l*h^2.
func CatchProbability(h, l, k float64) float64 {
	twoOfNext := func(x float64) float64 { return 1 - (1-x)*(1-x) } // one of the next two
	return h*(twoOfNext(h)+k*k) + l*(h*h+k*k) + k*(twoOfNext(k)+h*h)
}

// WrongConviction is z: the chance an audit of an honest result ends convicted, with shares l
// of lazy and k of cartel checker stake: only two cartel members agree on a mismatch (honest
// checkers match, lazy answers never agree): k*(1-(1-k)^2) + l*k^2; 0 without a cartel.
func WrongConviction(l, k float64) float64 {
	return k*(1-(1-k)*(1-k)) + l*k*k
}

// CheatGain is the closed form of a worker's expected gain per faked job over running it:
// cost saved - a*q*(value + penalty).
func CheatGain(s Scenario) float64 {
	a := s.Params.AuditRateBps / 10_000
	q := CatchProbability(1-s.Lazy-s.Colluding-s.Cartel, s.Lazy, s.Cartel)
	return s.CostShare*s.JobValue - a*q*(s.JobValue+s.Params.FraudPenalty)
}

// WorkerGain is the closed form of a worker's expected gain per job over an honest worker who
// is never wrongly convicted: cheat rate * CheatGain, less what a cartel's shared fake digest
// costs its honest jobs (a*z*(value + penalty), z = WrongConviction).
func WorkerGain(s Scenario) float64 {
	a := s.Params.AuditRateBps / 10_000
	z := WrongConviction(s.Lazy, s.Cartel)
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
