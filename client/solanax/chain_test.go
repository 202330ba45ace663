package solanax_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
)

// The integration tests share one localnet, started by the first test that needs it (pure
// tests run without one) and stopped in TestMain.
var (
	chainOnce sync.Once
	chain     *localnet.Chain
	chainErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if chain != nil {
		if err := chain.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "solanax tests: stop the localnet:", err)
			code = max(code, 1)
		}
	}
	os.Exit(code)
}

func testChain(t testing.TB) *localnet.Chain {
	t.Helper()
	chainOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		// Short slots: confirmation waits one slot, and the tests wait on many confirmations.
		chain, chainErr = localnet.Start(ctx, localnet.Options{})
	})
	require.NoError(t, chainErr, "start the localnet (make deps installs what it needs)")
	return chain
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newTestClient is a client for the shared chain.
func newTestClient(t testing.TB, opts ...solanax.Option) *solanax.Client {
	t.Helper()
	c := solanax.New(testChain(t).RPCURL, testChain(t).WSURL, opts...)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// newWallet is a fresh wallet funded from the localnet distribution wallet.
func newWallet(t testing.TB, f localnet.Funding) solana.PrivateKey {
	t.Helper()
	key, err := testChain(t).NewWallet(testContext(t), f)
	require.NoError(t, err)
	return key
}

// newWallets is n fresh wallets holding lamports each, funded in one transaction.
func newWallets(t testing.TB, n int, lamports uint64) []solana.PrivateKey {
	t.Helper()
	c := newTestClient(t, solanax.WithCommitment(rpc.CommitmentProcessed))
	funder := newWallet(t, localnet.Funding{Lamports: uint64(n)*lamports + solana.LAMPORTS_PER_SOL})
	keys := make([]solana.PrivateKey, n)
	ixs := make([]solana.Instruction, n)
	for i := range keys {
		keys[i] = solana.NewWallet().PrivateKey
		ixs[i] = system.NewTransferInstruction(lamports, funder.PublicKey(), keys[i].PublicKey()).Build()
	}
	_, err := c.Send(testContext(t), funder, ixs)
	require.NoError(t, err)
	return keys
}

func newAddress(t testing.TB) solana.PublicKey {
	t.Helper()
	return solana.NewWallet().PublicKey()
}

func lamports(t testing.TB, c *solanax.Client, who solana.PublicKey) uint64 {
	t.Helper()
	got, err := c.WalletBalances(testContext(t), who)
	require.NoError(t, err)
	return got.Lamports
}
