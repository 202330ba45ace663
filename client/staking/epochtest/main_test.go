// Package epochtest tests the staking program's epoch rewards (fund_rewards with epochs,
// activate_stake) on a localnet of its own, where the IO mint authority stays the localnet's
// keypair: only the mint authority funds epochs, and package staking's chain hands that
// authority to the emission program at set-up (its slashes burn through emission's ledger).
package epochtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

const IO = staking.IO

// The package's chain with the staking program initialised by its upgrade authority; tests run
// one at a time and leave no active stake behind.
var (
	chain  *localnet.Chain
	sx     *solanax.Client
	stk    *staking.Client
	ioMint solana.PublicKey
)

// staking.Errors is the staking program's error table, for landed rejections.

func TestMain(m *testing.M) {
	os.Exit(localnettest.Main(m, "staking-epochs", localnet.Options{}, setUp))
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
	programID, ok := chain.Manifest.Programs["staking"]
	if !ok {
		return fmt.Errorf("the localnet did not deploy the staking program: run `make programs` (localnet/programs/staking.so)")
	}
	sx = solanax.New(chain.RPCURL, chain.WSURL)
	var err error
	if stk, err = staking.New(sx, programID); err != nil {
		return err
	}
	ioMint = chain.Manifest.Mints.IO.Address
	slasher, err := chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL})
	if err != nil {
		return err
	}
	params, err := staking.DefaultParams(slasher.PublicKey())
	if err != nil {
		return err
	}
	upgrader, err := localnettest.UpgradeAuthority(ctx, chain)
	if err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, upgrader, upgrader.PublicKey(), ioMint, params); err != nil {
		return fmt.Errorf("initialize: %w", err)
	}
	return nil
}

// epochFunder is the IO mint authority (no emission program here): the only key whose
// fund_rewards with epochs staking accepts, funded with SOL and IO.
func epochFunder(t testing.TB) solana.PrivateKey {
	t.Helper()
	key, err := chain.Manifest.MintAuthority.Load()
	require.NoError(t, err)
	_, err = chain.Fund(localnettest.Context(t), key.PublicKey(), localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL, IO: 1_000 * IO})
	require.NoError(t, err)
	return key
}

// newStaker is a fresh wallet that stakes amount; its whole active stake is unstaked when the
// test ends.
func newStaker(t testing.TB, balance, amount uint64) solana.PrivateKey {
	t.Helper()
	owner := localnettest.NewWallet(t, chain, balance)
	_, err := stk.Stake(localnettest.Context(t), owner, amount)
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx := localnettest.Context(t)
		p, err := stk.FetchPosition(ctx, owner.PublicKey())
		require.NoError(t, err)
		if p.Active > 0 {
			_, err = stk.Unstake(ctx, owner, p.Active)
			require.NoError(t, err)
		}
	})
	return owner
}

// requireRejected sends ixs and asserts they land and fail with the named staking error,
// changing none of watch.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, sx, localnettest.Program{ID: stk.ProgramID, Errors: staking.Errors}, want, watch, payer, ixs, signers...)
}

func positionAddr(t testing.TB, owner solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := staking.PositionAddress(stk.ProgramID, owner)
	require.NoError(t, err)
	return addr
}

// chainNow moves the clock on a second and returns it.
func chainNow(t testing.TB) int64 {
	t.Helper()
	w, err := chain.Warp(localnettest.Context(t), time.Second)
	require.NoError(t, err)
	return w.UnixTimestamp
}

// tick moves the chain clock on, so that each step below has its own second.
func tick(t testing.TB) {
	t.Helper()
	_, err := chain.Warp(localnettest.Context(t), 10*time.Second)
	require.NoError(t, err)
}

func claimable(t testing.TB, owner solana.PublicKey) uint64 {
	t.Helper()
	ctx := localnettest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	p, err := stk.FetchPosition(ctx, owner)
	require.NoError(t, err)
	return staking.Claimable(cfg, p)
}
