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
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's chain, with the protocol initialised as `ionet localnet up` does and every
// attested job drawn for audit (audit_rate_bps 10000) with short verdict deadlines; the
// ionet-worker binary built with the test-only dishonest runtime, and ionet-checker.
var (
	chain      *localnet.Chain
	sx         *solanax.Client
	jc         *jobs.Client
	operator   solana.PrivateKey
	workerBin  string
	checkerBin string
)

// verdictSeconds is the tests' verdict deadline: long enough for a re-run of the tests' jobs,
// short enough to wait out in the replacement test.
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
	chain, err = localnet.Start(ctx, localnet.Options{SlotDuration: 100 * time.Millisecond})
	if err != nil {
		fmt.Fprintf(os.Stderr, "checker tests: start the localnet: %v\n", err)
		return 1
	}
	defer func() { _ = chain.Stop() }()
	if err := setUp(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "checker tests: %v\n", err)
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
	if operator, err = chain.Manifest.Distribution.Load(); err != nil {
		return err
	}
	cfg, err := jc.FetchConfig(ctx)
	if err != nil {
		return err
	}
	p := jobs.ParamsOf(cfg)
	p.AuditRateBps, p.VerdictSeconds = 10_000, verdictSeconds
	_, err = jc.UpdateParams(ctx, operator, p)
	return err
}

// writeKeypair writes key as a Solana CLI keypair file and returns its path.
func writeKeypair(t testing.TB, dir, name string, key solana.PrivateKey) string {
	t.Helper()
	path := filepath.Join(dir, name+".json")
	require.NoError(t, cli.WriteKeypair(path, key, false))
	return path
}

func ioBalance(t testing.TB, owner solana.PublicKey) uint64 {
	t.Helper()
	f, err := jc.Fixed(localnettest.Context(t))
	require.NoError(t, err)
	return localnettest.TokenBalance(t, sx, localnettest.TokenAccount(t, owner, f.IOMint))
}
