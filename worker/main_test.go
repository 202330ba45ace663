package worker_test

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

// The ionet-worker binary, built once; each test that needs a chain starts its own (newEnv), so
// that the tests run in parallel: their workers take every open CPU-TEST job and their clock
// warps pass every deadline, so on one chain they could only run one at a time.
var workerBin string

// env is a test's own chain, with the protocol initialised as `ionet localnet up` does.
type env struct {
	chain    *localnet.Chain
	sx       *solanax.Client
	jc       *jobs.Client
	operator solana.PrivateKey // settles jobs
}

// newEnv starts a chain for t (stopped at cleanup) and initialises the protocol on it.
func newEnv(t testing.TB) *env {
	t.Helper()
	p := bootstraptest.Start(t, 100*time.Millisecond)
	return &env{chain: p.Chain, sx: p.SX, jc: p.Jobs, operator: p.Operator}
}

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	tmp, err := os.MkdirTemp("", "ionet-worker-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	workerBin = filepath.Join(tmp, "ionet-worker")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", workerBin, "github.com/ionet-oss/ionet/cmd/ionet-worker").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "worker tests: build ionet-worker: %v\n%s", err, out)
		return 1
	}
	localnettest.WaitBound(8)
	return m.Run()
}

// writeKeypair writes key as a Solana CLI keypair file and returns its path.
func writeKeypair(t testing.TB, dir, name string, key solana.PrivateKey) string {
	t.Helper()
	path := filepath.Join(dir, name+".json")
	require.NoError(t, cli.WriteKeypair(path, key, false))
	return path
}

// tokenBalance is the amount in owner's associated account in mint (0 when it has none).
func (e *env) tokenBalance(t testing.TB, owner, mint solana.PublicKey) uint64 {
	t.Helper()
	return localnettest.TokenBalance(t, e.sx, localnettest.TokenAccount(t, owner, mint))
}
