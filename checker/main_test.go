package checker_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap/bootstraptest"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The ionet-worker binary built with the test-only dishonest runtime, and ionet-checker, built
// once; each end-to-end test starts a chain of its own (newEnv), so that the tests run in
// parallel: on one chain every checker and worker would answer every test's audits and jobs.
var workerBin, checkerBin string

// env is a test's own chain, with the protocol initialised as `ionet localnet up` does and every
// attested job drawn for audit (audit_rate_bps 10000) with short verdict deadlines.
type env struct {
	chain    *localnet.Chain
	sx       *solanax.Client
	jc       *jobs.Client
	operator solana.PrivateKey
}

// verdictSeconds is the tests' verdict deadline: long enough for a re-run of the tests' jobs
// (the replacement test warps the clock past it).
const verdictSeconds = 12

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	tmp, err := os.MkdirTemp("", "ionet-checker-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	workerBin, checkerBin = filepath.Join(tmp, "ionet-worker"), filepath.Join(tmp, "ionet-checker")
	for _, b := range [][]string{
		{"build", "-tags", "ionet_testruntime", "-o", workerBin, "github.com/ionet-oss/ionet/cmd/ionet-worker"},
		{"build", "-tags", "ionet_testruntime", "-o", checkerBin, "github.com/ionet-oss/ionet/cmd/ionet-checker"},
	} {
		if out, err := exec.CommandContext(ctx, "go", b...).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "checker tests: go %v: %v\n%s", b, err, out)
			return 1
		}
	}
	localnettest.WaitBound(8)
	return m.Run()
}

// newEnv starts a chain for t (stopped at cleanup) and sets the protocol up on it.
func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := localnettest.Context(t)
	p := bootstraptest.Start(t, 100*time.Millisecond)
	e := &env{chain: p.Chain, sx: p.SX, jc: p.Jobs, operator: p.Operator}
	cfg, err := e.jc.FetchConfig(ctx)
	require.NoError(t, err)
	params := jobs.ParamsOf(cfg)
	params.AuditRateBps, params.VerdictSeconds = 10_000, verdictSeconds
	_, err = e.jc.UpdateParams(ctx, e.operator, params)
	require.NoError(t, err)
	return e
}

// writeKeypair writes key as a Solana CLI keypair file and returns its path.
func writeKeypair(t testing.TB, dir, name string, key solana.PrivateKey) string {
	t.Helper()
	path := filepath.Join(dir, name+".json")
	require.NoError(t, cli.WriteKeypair(path, key, false))
	return path
}

func (e *env) ioBalance(t testing.TB, owner solana.PublicKey) uint64 {
	t.Helper()
	f, err := e.jc.Fixed(localnettest.Context(t))
	require.NoError(t, err)
	return localnettest.TokenBalance(t, e.sx, localnettest.TokenAccount(t, owner, f.IOMint))
}
