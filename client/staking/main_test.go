package staking

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

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet"
)

// The package's shared chain, with the staking program initialised by authority. Tests run one
// at a time (they share the program's totals and the chain clock) and leave no active stake
// behind, so the reward scenario starts from an empty pool.
var (
	chain     *localnet.Chain
	stk       *Client
	authority solana.PrivateKey
	ioMint    solana.PublicKey
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Short slots: every step waits for a confirmation.
	c, err := localnet.Start(ctx, localnet.Options{SlotDuration: 100 * time.Millisecond})
	if err != nil {
		fmt.Fprintln(os.Stderr, "staking tests: start the localnet:", err)
		return 1
	}
	defer func() { _ = c.Stop() }()
	chain = c
	if err := setUp(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "staking tests:", err)
		return 1
	}
	return m.Run()
}

func setUp(ctx context.Context) error {
	programID, ok := chain.Manifest.Programs["staking"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the staking program: run `make programs` (localnet/programs/staking.so) and keep localnet/keys/staking-program.json")
	}
	var err error
	if stk, err = New(solanax.New(chain.RPCURL, chain.WSURL), programID); err != nil {
		return err
	}
	ioMint = chain.Manifest.Mints.IO.Address
	if authority, err = chain.NewWallet(ctx, localnet.Funding{Lamports: 10 * solana.LAMPORTS_PER_SOL, IO: 1_000_000 * IO}); err != nil {
		return err
	}
	params, err := DefaultParams(solana.PublicKey{})
	if err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, authority, ioMint, params); err != nil {
		return fmt.Errorf("initialize: %w", err)
	}
	return nil
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newWallet is a fresh wallet with 1 SOL and io base units of IO.
func newWallet(t testing.TB, io uint64) solana.PrivateKey {
	t.Helper()
	f := localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: io}
	key, err := chain.NewWallet(testContext(t), f)
	require.NoError(t, err)
	return key
}

// newStaker is a fresh wallet that stakes amount; its whole active stake is unstaked when the
// test ends.
func newStaker(t testing.TB, balance, amount uint64) solana.PrivateKey {
	t.Helper()
	owner := newWallet(t, balance)
	_, err := stk.Stake(testContext(t), owner, amount)
	require.NoError(t, err)
	t.Cleanup(func() { unstakeAll(t, owner) })
	return owner
}

func unstakeAll(t testing.TB, owner solana.PrivateKey) {
	ctx := testContext(t)
	p, err := stk.FetchPosition(ctx, owner.PublicKey())
	require.NoError(t, err)
	if p.Active > 0 {
		_, err = stk.Unstake(ctx, owner, p.Active)
		require.NoError(t, err)
	}
}

func ioAccount(t testing.TB, owner solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := solanax.AssociatedTokenAddress(owner, ioMint)
	require.NoError(t, err)
	return addr
}

func tokenBalance(t testing.TB, account solana.PublicKey) uint64 {
	t.Helper()
	acct, err := stk.sx.FetchTokenAccount(testContext(t), account)
	require.NoError(t, err)
	return acct.Amount
}

// accountStates is the data and lamports of each address ("absent" when it does not exist),
// for asserting that a failed instruction changed nothing.
func accountStates(t testing.TB, addrs ...solana.PublicKey) []string {
	t.Helper()
	res, err := stk.sx.RPC.GetMultipleAccountsWithOpts(testContext(t), addrs, &rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
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
	_, err := stk.Send(testContext(t), payer, ixs, signers...)
	require.Error(t, err)
	require.Equal(t, want, ErrorName(err), "error: %v", err)
	require.Equal(t, before, accountStates(t, watch...), "a rejected instruction changed state")
}

// mustIx unwraps an instruction builder's result: mustIx(t)(stk.ClaimInstruction(...)).
func mustIx(t testing.TB) func(solana.Instruction, error) []solana.Instruction {
	return func(ix solana.Instruction, err error) []solana.Instruction {
		t.Helper()
		require.NoError(t, err)
		return []solana.Instruction{ix}
	}
}

func positionAddr(t testing.TB, owner solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := PositionAddress(stk.ProgramID, owner)
	require.NoError(t, err)
	return addr
}

func deviceAddr(t testing.TB, deviceKey solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := DeviceAddress(stk.ProgramID, deviceKey)
	require.NoError(t, err)
	return addr
}

// withCooldown runs f with the program's cooldown set to seconds, restoring the default after:
// cooldowns started inside f keep the unlock time computed then.
func withCooldown(t *testing.T, seconds int64, f func()) {
	t.Helper()
	ctx := testContext(t)
	params, err := DefaultParams(solana.PublicKey{})
	require.NoError(t, err)
	restore := params
	params.CooldownSeconds = seconds
	_, err = stk.UpdateParams(ctx, authority, params)
	require.NoError(t, err)
	defer func() {
		_, err := stk.UpdateParams(ctx, authority, restore)
		require.NoError(t, err)
	}()
	f()
}

// registerDevice registers a fresh device key of class to owner and returns its device PDA.
func registerDevice(t testing.TB, owner solana.PrivateKey, class string, gpus uint64) solana.PublicKey {
	t.Helper()
	ctx := testContext(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	index, err := ClassIndex(cfg, class)
	require.NoError(t, err)
	device := solana.NewWallet().PrivateKey
	_, err = stk.RegisterDevice(ctx, owner, device, index, gpus)
	require.NoError(t, err)
	return deviceAddr(t, device.PublicKey())
}
