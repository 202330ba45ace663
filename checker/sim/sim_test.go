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
		if s.Lazy > 0 {
			lazy = fmt.Sprintf("%+.2f", r.LazyChecker)
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
// form says; lazy stake does not (sealed results: a lazy checker cannot answer "match"); with
// every checker honest a fake audited is always convicted.
func TestSimulateCatchProbability(t *testing.T) {
	assert.Equal(t, 1.0, CatchProbability(1))
	assert.Equal(t, 0.0, CatchProbability(0))
	assert.InDelta(t, 0.375, CatchProbability(0.5), 1e-12)
	r := Run(Scenario{JobValue: 10, CostShare: 0.7, CheatRate: 1, Colluding: 0.5, Params: Defaults()}, simJobs, 3)
	assert.InDelta(t, 0.1*0.375, r.CaughtShare, 0.005)
	r = Run(Scenario{JobValue: 10, CostShare: 0.7, CheatRate: 1, Lazy: 0.5, Params: Defaults()}, simJobs, 3)
	assert.InDelta(t, 0.1, r.CaughtShare, 0.005, "lazy checkers answer mismatch: every audited fake is convicted")
}

// TestSimulateLazyMismatch: with sealed results the remaining lazy strategy is answering
// "mismatch" without re-running. While lazy stake is small it loses money (outvoted by two
// re-runs of an honest result, it pays the minority penalty); from about 4% of checker stake
// two lazy checkers often enough sit on one audit to convict an honest worker and share the
// slash, and laziness pays (SECURITY.md "Audit incentives": open, not fixed this round).
func TestSimulateLazyMismatch(t *testing.T) {
	few := Run(Scenario{JobValue: 10, CostShare: 0.7, Lazy: 0.01, Params: Defaults()}, simJobs, 5)
	assert.Negative(t, few.LazyChecker)
	assert.Less(t, few.LazyChecker, few.HonestChecker, "1% lazy: re-running loses less")
	many := Run(Scenario{JobValue: 10, CostShare: 0.7, Lazy: 0.1, Params: Defaults()}, simJobs, 5)
	assert.Positive(t, many.LazyChecker, "10% lazy: two lazy mismatches convict honest results")
	assert.Less(t, many.WorkerProfit, many.HonestProfit, "an honest worker pays for it")
}
