package emission

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The package's shared chain: the staking program initialised, then the emission program (on
// pre-funded addresses) with epoch 1 starting at the chain's clock, both by their upgrade authority. Tests run one at a time: they share the schedule, the
// clock (only TestLifecycle moves it) and the supply ledger.
var (
	chain     *localnet.Chain
	em        *Client
	authority solana.PrivateKey // emission and staking authority
	upgrader  solana.PrivateKey // the programs' upgrade authority: initialises them
	treasury  solana.PrivateKey // the treasury authority, holding IO to burn
	ioMint    solana.PublicKey
	startTs   int64
)

func TestMain(m *testing.M) {
	code := localnettest.Main(m, "emission", localnet.Options{}, setUp)
	if table := computeUnits.String(); testing.Verbose() && table != "" {
		fmt.Printf("compute units of the emission instructions (CPIs included):\n%s\n", table)
	}
	os.Exit(code)
}

func setUp(ctx context.Context, c *localnet.Chain) error {
	chain = c
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
	if upgrader, err = localnettest.UpgradeAuthority(ctx, chain); err != nil {
		return err
	}
	if _, err := em.Staking.Initialize(ctx, upgrader, authority.PublicKey(), ioMint, params); err != nil {
		return fmt.Errorf("initialize staking: %w", err)
	}
	mintAuthority, err := solana.PrivateKeyFromSolanaKeygenFile(chain.Manifest.MintAuthority.Keypair)
	if err != nil {
		return fmt.Errorf("load the IO mint authority: %w", err)
	}
	if startTs, err = solanax.ChainTime(ctx, chain.RPC); err != nil {
		return err
	}
	settings := DefaultSettings(authority.PublicKey(), treasury.PublicKey())
	// Lamports sent to the state's, the vaults' and the liveness pool's addresses, known before
	// the deployment, must not block it: TestInitializeOnPrefundedAddresses.
	a := em.Addresses
	if err := localnettest.PrefundAddresses(ctx, chain, a.State, a.StakerVault, a.SupplierVault, a.LivenessPool); err != nil {
		return err
	}
	if _, err := em.Initialize(ctx, upgrader, mintAuthority, ioMint, startTs, settings); err != nil {
		return fmt.Errorf("initialize emission: %w", err)
	}
	return nil
}

func mintSupply(t testing.TB) uint64 {
	t.Helper()
	mint, err := em.sx.FetchMint(localnettest.Context(t), ioMint)
	require.NoError(t, err)
	return mint.Supply
}

func fetchState(t testing.TB) *gen.EmissionState {
	t.Helper()
	st, err := em.FetchState(localnettest.Context(t))
	require.NoError(t, err)
	return st
}

// requireRejected sends ixs and asserts they fail with the named program error and change none
// of watch.
func requireRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	localnettest.RequireRejectedOnChain(t, em.sx, localnettest.Program{ID: em.ProgramID, Errors: Errors}, want, watch, payer, ixs, signers...)
}

// warpToEpochEnd moves the chain clock just past the end of epoch (never backwards).
func warpToEpochEnd(t testing.TB, epoch uint64) {
	t.Helper()
	ctx := localnettest.Context(t)
	now, err := solanax.ChainTime(ctx, chain.RPC)
	require.NoError(t, err)
	target := startTs + int64(epoch)*3600 + 1
	if now >= target {
		return
	}
	_, err = chain.Warp(ctx, time.Duration(target-now)*time.Second)
	require.NoError(t, err)
}
