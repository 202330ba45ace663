package sim

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const simJobs = 200_000

// scenarios are the table's rows: the deployed defaults, a worker faking every job (or some)
// of different values, and checkers honest, lazy or colluding.
func scenarios() []Scenario {
	d := Defaults()
	row := func(name string, value, cheat, lazy, collude float64) Scenario {
		return Scenario{Name: name, JobValue: value, CostShare: 0.7, CheatRate: cheat, Lazy: lazy, Colluding: collude, Params: d}
	}
	cartel := row("honest worker, 10% cartel sharing a fake digest", 10, 0, 0, 0)
	cartel.Cartel = 0.1
	return []Scenario{
		row("honest worker", 10, 0, 0, 0),
		row("fakes every job", 10, 1, 0, 0),
		row("fakes 10% of jobs", 10, 0.1, 0, 0),
		row("fakes every job", 100, 1, 0, 0),
		row("fakes every job", 500, 1, 0, 0),
		row("fakes every job, 50% lazy checkers", 100, 1, 0.5, 0),
		row("fakes every job, 30% colluding", 100, 1, 0, 0.3),
		row("honest worker, 2% lazy checkers", 10, 0, 0.02, 0),
		row("fakes 1% of jobs, 2% lazy checkers", 10, 0.01, 0.02, 0),
		row("honest worker, 10% lazy checkers", 10, 0, 0.1, 0),
		cartel,
	}
}

// TestSimulateAuditIncentives prints the table README and SECURITY.md quote, and checks the
// simulation against the closed forms (worker gain per job: WorkerGain).
func TestSimulateAuditIncentives(t *testing.T) {
	var b strings.Builder
	fmt.Fprintln(&b, "| scenario | job value | worker profit/job | honest profit/job | gain of cheating/job (formula) | faked jobs caught | honest checker/audit | lazy checker/audit |")
	fmt.Fprintln(&b, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for i, s := range scenarios() {
		r := Run(s, simJobs, uint64(i+1))
		gain := r.WorkerProfit - r.HonestProfit
		formula := WorkerGain(s)
		// The Monte Carlo mean is within a few standard errors of the closed form.
		tolerance := 0.02*s.JobValue + 4*(s.JobValue+s.Params.FraudPenalty)/float64(intSqrt(simJobs))
		assert.InDelta(t, formula, gain, tolerance, s.Name)
		lazy := "-"
		switch {
		case s.Lazy > 0:
			lazy = fmt.Sprintf("%+.2f", r.LazyChecker)
		case s.Cartel > 0:
			lazy = fmt.Sprintf("%+.2f (cartel)", r.CartelChecker)
		}
		caught := "-"
		if r.Cheated > 0 {
			caught = fmt.Sprintf("%.0f%%", 100*r.CaughtShare)
		}
		fmt.Fprintf(&b, "| %s | %.0f | %+.2f | %+.2f | %+.2f (%+.2f) | %s | %+.2f | %s |\n",
			s.Name, s.JobValue, r.WorkerProfit, r.HonestProfit, gain, formula, caught, r.HonestChecker, lazy)
	}
	v, ok := BreakEvenValue(Defaults(), 0.7)
	require.True(t, ok)
	fmt.Fprintf(&b, "\nDefaults (audit_rate_bps 1000, fraud_penalty 1000 IO, cost 70%% of the job's value): faking a job loses money in expectation below a job value of %.0f IO.\n", v)
	fmt.Fprint(os.Stdout, b.String())
}

func intSqrt(n int) int {
	r := 1
	for r*r < n {
		r++
	}
	return r
}

// TestSimulateDefaultsDeterCheating: with honest checkers, faking any job worth less than the
// break-even value loses money in expectation, and a fake above it pays (why the penalty must
// grow with job value for large jobs; SECURITY.md "Audit incentives").
func TestSimulateDefaultsDeterCheating(t *testing.T) {
	d := Defaults()
	v, ok := BreakEvenValue(d, 0.7)
	require.True(t, ok)
	assert.InDelta(t, 166.67, v, 0.01)
	for _, value := range []float64{1, 10, 100, 160} {
		s := Scenario{JobValue: value, CostShare: 0.7, CheatRate: 1, Params: d}
		assert.Negative(t, CheatGain(s), "value %v", value)
		r := Run(s, 50_000, 7)
		assert.Less(t, r.WorkerProfit, r.HonestProfit, "value %v", value)
	}
	assert.Positive(t, CheatGain(Scenario{JobValue: 200, CostShare: 0.7, Params: d}))
	_, ok = BreakEvenValue(Params{AuditRateBps: 8000, FraudPenalty: 1}, 0.7)
	assert.False(t, ok, "an audit rate above the cost share deters at any value")
}

// TestSimulateCatchProbability: colluding stake lowers the chance of a conviction as the closed
// form says; lazy stake lowers it too (a fraud needs two re-runs that agree, and a lazy answer
// agrees with none), but never convicts an honest result; with every checker honest a fake
// audited is always convicted.
func TestSimulateCatchProbability(t *testing.T) {
	assert.Equal(t, 1.0, CatchProbability(1, 0, 0))
	assert.Equal(t, 0.0, CatchProbability(0, 0, 0))
	assert.InDelta(t, 0.375, CatchProbability(0.5, 0, 0), 1e-12)
	assert.InDelta(t, 0.5, CatchProbability(0.5, 0.5, 0), 1e-12)
	assert.Equal(t, 0.0, WrongConviction(1, 0), "lazy answers alone never convict")
	r := Run(Scenario{JobValue: 10, CostShare: 0.7, CheatRate: 1, Colluding: 0.5, Params: Defaults()}, simJobs, 3)
	assert.InDelta(t, 0.1*0.375, r.CaughtShare, 0.005)
	r = Run(Scenario{JobValue: 10, CostShare: 0.7, CheatRate: 1, Lazy: 0.5, Params: Defaults()}, simJobs, 3)
	assert.InDelta(t, 0.1*0.5, r.CaughtShare, 0.005, "half lazy: two re-runs must sit on the audit")
}

// TestSimulateLazyMismatch: with sealed results the remaining lazy strategy is answering
// "mismatch" without re-running. A fraud needs two mismatches on the same digest, and
// independent made-up digests never agree: at any lazy share a lazy checker never convicts an
// honest worker and loses money (a match upholds the honest result and it pays the minority
// penalty; with no match nobody earns), while an honest checker earns.
func TestSimulateLazyMismatch(t *testing.T) {
	for i, share := range []float64{0.01, 0.04, 0.1, 0.5, 0.9} {
		r := Run(Scenario{JobValue: 10, CostShare: 0.7, Lazy: share, Params: Defaults()}, simJobs, uint64(5+i))
		assert.Negative(t, r.LazyChecker, "%v lazy", share)
		assert.Less(t, r.LazyChecker, r.HonestChecker, "%v lazy: re-running pays better", share)
		assert.Zero(t, r.Convicted, "%v lazy: no honest result convicted", share)
		assert.Equal(t, r.HonestProfit, r.WorkerProfit, "%v lazy: the honest worker is always paid", share)
	}
}

// TestSimulateCartelIsTheLimit: checkers that share one fake digest agree like two re-runs: from
// a few percent of checker stake two of them often enough sit on one audit to convict an honest
// worker and share the slash (SECURITY.md "Audit incentives": the stated limit, against which
// the defence is checker stake at risk and an honest majority of it).
func TestSimulateCartelIsTheLimit(t *testing.T) {
	s := Scenario{JobValue: 10, CostShare: 0.7, Cartel: 0.1, Params: Defaults()}
	r := Run(s, simJobs, 11)
	assert.Positive(t, r.Convicted)
	assert.Positive(t, r.CartelChecker, "10% cartel: its shared fake digest convicts honest results")
	assert.Less(t, r.WorkerProfit, r.HonestProfit, "an honest worker pays for it")
	assert.InDelta(t, WrongConviction(0, 0.1), float64(r.Convicted)/float64(r.Audits), 0.005)
}
