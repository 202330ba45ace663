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
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's chain, with the protocol initialised as `ionet localnet up` does, and the
// ionet-worker binary built once.
var (
	chain     *localnet.Chain
	sx        *solanax.Client
	jc        *jobs.Client
	operator  solana.PrivateKey // settles jobs
	workerBin string
)

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
	chain, err = localnet.Start(ctx, localnet.Options{SlotDuration: 100 * time.Millisecond})
	if err != nil {
		fmt.Fprintf(os.Stderr, "worker tests: start the localnet: %v\n", err)
		return 1
	}
	defer func() { _ = chain.Stop() }()
	if err := setUp(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "worker tests: %v\n", err)
		return 1
	}
	return m.Run()
}

func setUp(ctx context.Context) error {
	sx = solanax.New(chain.RPCURL, chain.WSURL)
	if _, err := bootstrap.Protocol(ctx, sx, chain.Manifest); err != nil {
		return err
	}
	stk, err := staking.New(sx, chain.Manifest.Programs["staking"])
	if err != nil {
		return err
	}
	if jc, err = jobs.New(sx, chain.Manifest.Programs["jobs"], stk); err != nil {
		return err
	}
	operator, err = chain.Manifest.Distribution.Load()
	return err
}

// writeKeypair writes key as a Solana CLI keypair file and returns its path.
func writeKeypair(t testing.TB, dir, name string, key solana.PrivateKey) string {
	t.Helper()
	path := filepath.Join(dir, name+".json")
	require.NoError(t, cli.WriteKeypair(path, key, false))
	return path
}

// tokenBalance is the amount in owner's associated account in mint (0 when it has none).
func tokenBalance(t testing.TB, owner, mint solana.PublicKey) uint64 {
	t.Helper()
	return localnettest.TokenBalance(t, sx, localnettest.TokenAccount(t, owner, mint))
}
