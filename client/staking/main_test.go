package staking

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's shared chain, with the staking program initialised by its upgrade authority
// (upgrader) on pre-funded addresses, authority as its authority. Tests run one
// at a time (they share the program's totals and the chain clock) and leave no active stake
// behind, so the reward scenario starts from an empty pool.
var (
	chain     *localnet.Chain
	stk       *Client
	authority solana.PrivateKey
	upgrader  solana.PrivateKey
	// slasher is the configured slasher (the jobs program's PDA in production): fixed at set-up.
	slasher solana.PrivateKey
	ioMint  solana.PublicKey
)

func TestMain(m *testing.M) {
	// Short slots: every step waits for a confirmation.
	os.Exit(localnettest.Main(m, "staking", localnet.Options{}, setUp))
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
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
	if slasher, err = chain.NewWallet(ctx, localnet.Funding{Lamports: solana.LAMPORTS_PER_SOL}); err != nil {
		return err
	}
	params, err := DefaultParams(slasher.PublicKey())
	if err != nil {
		return err
	}
	if upgrader, err = localnettest.UpgradeAuthority(ctx, chain); err != nil {
		return err
	}
	// Lamports sent to the config's and vaults' addresses, known before the deployment, must not
	// block it: TestInitializeOnPrefundedAddresses.
	a := stk.Addresses
	if err := localnettest.PrefundAddresses(ctx, chain, a.Config, a.StakeVault, a.RewardVault); err != nil {
		return err
	}
	if _, err := stk.Initialize(ctx, upgrader, authority.PublicKey(), ioMint, params); err != nil {
		return fmt.Errorf("initialize: %w", err)
	}
	return setUpEmission(ctx, upgrader)
}

// newStaker is a fresh wallet that stakes amount; its whole active stake is unstaked when the
// test ends.
func newStaker(t testing.TB, balance, amount uint64) solana.PrivateKey {
	t.Helper()
	owner := localnettest.NewWallet(t, chain, balance)
	_, err := stk.Stake(localnettest.Context(t), owner, amount)
	require.NoError(t, err)
	t.Cleanup(func() { unstakeAll(t, owner) })
	return owner
}

func unstakeAll(t testing.TB, owner solana.PrivateKey) {
	ctx := localnettest.Context(t)
	p, err := stk.FetchPosition(ctx, owner.PublicKey())
	require.NoError(t, err)
	if p.Active > 0 {
		_, err = stk.Unstake(ctx, owner, p.Active)
		require.NoError(t, err)
	}
}

// requireRejected sends ixs and asserts they fail with the named program error and change none
// of watch.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, stk.sx, localnettest.Program{ID: stk.ProgramID, Errors: Errors}, want, watch, payer, ixs, signers...)
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

// testParams are the defaults with the package's slasher (which update_params must keep).
func testParams(t testing.TB) gen.Params {
	t.Helper()
	params, err := DefaultParams(slasher.PublicKey())
	require.NoError(t, err)
	return params
}

// withCooldown runs f with the program's cooldown set to seconds, restoring the default after:
// cooldowns started inside f keep the unlock time computed then.
func withCooldown(t *testing.T, seconds int64, f func()) {
	t.Helper()
	ctx := localnettest.Context(t)
	params := testParams(t)
	restore := params
	params.CooldownSeconds = seconds
	_, err := stk.UpdateParams(ctx, authority, params)
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
	ctx := localnettest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	index, err := ClassIndex(cfg, class)
	require.NoError(t, err)
	device := solana.NewWallet().PrivateKey
	_, err = stk.RegisterDevice(ctx, owner, device, index, gpus)
	require.NoError(t, err)
	return deviceAddr(t, device.PublicKey())
}
