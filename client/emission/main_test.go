package emission

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
)

// The package's shared chain: the staking program initialised, then the emission program with
// epoch 1 starting at the chain's clock. Tests run one at a time: they share the schedule, the
// clock (only TestLifecycle moves it) and the supply ledger.
var (
	chain     *localnet.Chain
	em        *Client
	authority solana.PrivateKey // emission and staking authority
	treasury  solana.PrivateKey // the treasury authority, holding IO to burn
	ioMint    solana.PublicKey
	startTs   int64
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := localnet.Start(ctx, localnet.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "emission tests: start the localnet:", err)
		return 1
	}
	defer func() { _ = c.Stop() }()
	chain = c
	if err := setUp(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "emission tests:", err)
		return 1
	}
	code := m.Run()
	if table := computeUnitsTable(); testing.Verbose() && table != "" {
		fmt.Printf("compute units of the emission instructions (CPIs included):\n%s\n", table)
	}
	return code
}

func setUp(ctx context.Context) error {
	programID, ok := chain.Manifest.Programs["emission"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the emission program: run `make programs` (localnet/programs/emission.so) and keep localnet/keys/emission-program.json")
	}
	stakingID, ok := chain.Manifest.Programs["staking"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the staking program (localnet/programs/staking.so)")
	}
	var err error
	if em, err = New(solanax.New(chain.RPCURL, chain.WSURL), programID, stakingID); err != nil {
		return err
	}
	ioMint = chain.Manifest.Mints.IO.Address
	if authority, err = chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL, IO: 1_000 * IO}); err != nil {
		return err
	}
	if treasury, err = chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: 100_000 * IO}); err != nil {
		return err
	}
	params, err := staking.DefaultParams(solana.PublicKey{})
	if err != nil {
		return err
	}
	if _, err := em.Staking.Initialize(ctx, authority, ioMint, params); err != nil {
		return fmt.Errorf("initialize staking: %w", err)
	}
	mintAuthority, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.MintAuthority.Keypair)
	if err != nil {
		return fmt.Errorf("load the IO mint authority: %w", err)
	}
	if startTs, err = ChainTime(ctx, chain.RPC); err != nil {
		return err
	}
	settings := DefaultSettings(authority.PublicKey(), treasury.PublicKey())
	if _, err := em.Initialize(ctx, authority, mintAuthority, ioMint, startTs, settings); err != nil {
		return fmt.Errorf("initialize emission: %w", err)
	}
	return nil
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newWallet is a fresh wallet with 1 SOL and io base units of IO.
func newWallet(t testing.TB, io uint64) solana.PrivateKey {
	t.Helper()
	key, err := chain.NewWallet(testContext(t), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: io})
	require.NoError(t, err)
	return key
}

func ioAccount(t testing.TB, owner solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := solanax.AssociatedTokenAddress(owner, ioMint)
	require.NoError(t, err)
	return addr
}

// tokenBalance is an IO token account's balance (0 when it does not exist yet).
func tokenBalance(t testing.TB, account solana.PublicKey) uint64 {
	t.Helper()
	acct, err := em.sx.FetchTokenAccount(testContext(t), account)
	if err != nil {
		return 0
	}
	return acct.Amount
}

func mintSupply(t testing.TB) uint64 {
	t.Helper()
	mint, err := em.sx.FetchMint(testContext(t), ioMint)
	require.NoError(t, err)
	return mint.Supply
}

func fetchState(t testing.TB) *gen.EmissionState {
	t.Helper()
	st, err := em.FetchState(testContext(t))
	require.NoError(t, err)
	return st
}

// accountStates is the data and lamports of each address ("absent" when it does not exist),
// for asserting that a failed instruction changed nothing.
func accountStates(t testing.TB, addrs ...solana.PublicKey) []string {
	t.Helper()
	res, err := em.sx.RPC.GetMultipleAccountsWithOpts(testContext(t), addrs, &rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	require.NoError(t, err)
	out := make([]string, len(addrs))
	for i, a := range res.Value {
		out[i] = "absent"
		if a != nil {
			out[i] = fmt.Sprintf("%d:%s", a.Lamports, base64.StdEncoding.EncodeToString(a.Data.GetBinary()))
		}
	}
	return out
}

// requireRejected sends ixs and asserts they fail with the named program error and change none
// of watch.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	before := accountStates(t, watch...)
	_, err := em.Send(testContext(t), payer, ixs, solanax.WithSigners(signers...))
	require.Error(t, err)
	require.Equal(t, want, ErrorName(err), "error: %v", err)
	require.Equal(t, before, accountStates(t, watch...), "a rejected instruction changed state")
}

// mustIx unwraps an instruction builder's result.
func mustIx(t testing.TB) func(solana.Instruction, error) []solana.Instruction {
	return func(ix solana.Instruction, err error) []solana.Instruction {
		t.Helper()
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
}

// warpToEpochEnd moves the chain clock just past the end of epoch (never backwards).
func warpToEpochEnd(t testing.TB, epoch uint64) {
	t.Helper()
	ctx := testContext(t)
	now, err := ChainTime(ctx, chain.RPC)
	require.NoError(t, err)
	target := startTs + int64(epoch)*3600 + 1
	if now >= target {
		return
	}
	_, err = chain.Warp(ctx, time.Duration(target-now)*time.Second)
	require.NoError(t, err)
}
