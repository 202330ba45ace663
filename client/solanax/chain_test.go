package solanax_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The integration tests share one localnet, started by the first test that needs it (pure
// The tests share one localnet, started by the first test that needs it.
var chain localnettest.LazyChain

func TestMain(m *testing.M) {
	os.Exit(chain.Stop(m.Run(), "solanax"))
}

func testChain(t testing.TB) *localnet.Chain {
	t.Helper()
	return chain.Get(t)
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
