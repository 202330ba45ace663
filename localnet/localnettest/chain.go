package localnettest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

// Main is a TestMain body: it starts a localnet with opts, runs setUp on it (deploying and
// initialising what the package's tests share), runs the tests and stops the chain. It returns the
// exit code; pkg names the package in start-up failures.
func Main(m *testing.M, pkg string, opts localnet.Options, setUp func(context.Context, *localnet.Chain) error) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	chain, err := localnet.Start(ctx, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s tests: start the localnet: %v\n", pkg, err)
		return 1
	}
	defer func() { _ = chain.Stop() }()
	if err := setUp(ctx, chain); err != nil {
		fmt.Fprintf(os.Stderr, "%s tests: %v\n", pkg, err)
		return 1
	}
	return m.Run()
}

// Context is a test's context: canceled when the test ends, and after 3 minutes so that a stuck
// confirmation fails the test instead of hanging it.
func Context(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// NewWallet is a fresh wallet on chain with 1 SOL and io base units of IO.
func NewWallet(t testing.TB, chain *localnet.Chain, io uint64) solana.PrivateKey {
	t.Helper()
	key, err := chain.NewWallet(Context(t), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: io})
	require.NoError(t, err)
	return key
}

// MustIx unwraps an instruction builder's result into a one-instruction list:
// MustIx(t)(client.ClaimInstruction(...)).
func MustIx(t testing.TB) func(solana.Instruction, error) []solana.Instruction {
	return func(ix solana.Instruction, err error) []solana.Instruction {
		t.Helper()
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
}

// UpgradeAuthority is the programs' upgrade authority (the only key their initialize accepts),
// funded with 10 SOL to pay for initialisations.
func UpgradeAuthority(ctx context.Context, chain *localnet.Chain) (solana.PrivateKey, error) {
	key, err := chain.Manifest.UpgradeAuthority.Load()
	if err != nil {
		return nil, fmt.Errorf("load the programs' upgrade authority: %w", err)
	}
	if _, err := chain.Fund(ctx, key.PublicKey(), localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL}); err != nil {
		return nil, fmt.Errorf("fund the programs' upgrade authority: %w", err)
	}
	return key, nil
}
