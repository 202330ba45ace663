package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestInitializeOnPrefundedAddresses: setUp sent lamports to the config's and both treasuries'
// addresses before initialising; the program was set up all the same, each account keeping the
// surplus, the treasuries empty token accounts of their mints owned by the config.
func TestInitializeOnPrefundedAddresses(t *testing.T) {
	ctx := localnettest.Context(t)
	cfg, err := jc.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, arbiter.PublicKey(), cfg.Authority, "the authority named in the parameters, not the upgrade authority that signed")
	require.Equal(t, arbiter.PublicKey(), cfg.Arbiter)
	localnettest.RequireCreated(t, chain, jc.Config, jc.ProgramID, localnettest.PrefundAboveRent)
	localnettest.RequireCreated(t, chain, jc.Registry, jc.ProgramID, localnettest.PrefundAboveRent)
	localnettest.RequireCreated(t, chain, jc.CheckerVault, solana.TokenProgramID, localnettest.PrefundAboveRent)
	require.Equal(t, jc.CheckerVault, cfg.CheckerVault)
	vault, err := jc.sx.FetchTokenAccount(ctx, jc.CheckerVault)
	require.NoError(t, err)
	require.Equal(t, ioMint, vault.Mint)
	require.Equal(t, jc.Config, vault.Owner)
	for mint, treasury := range map[solana.PublicKey]solana.PublicKey{ioMint: cfg.IoTreasury, usdcMint: cfg.UsdcTreasury} {
		localnettest.RequireCreated(t, chain, treasury, solana.TokenProgramID, localnettest.PrefundAboveRent)
		acct, err := jc.sx.FetchTokenAccount(ctx, treasury)
		require.NoError(t, err)
		require.Equal(t, mint, acct.Mint)
		require.Equal(t, jc.Config, acct.Owner)
	}
}

// TestOutsiderCannotInitialize: jobs takes its authority and arbiter from its parameters, so an
// outsider initialising a fresh deployment would name itself both; only the program's upgrade
// authority may (finding 6). The check comes first, so it shows on this initialised chain too.
func TestOutsiderCannotInitialize(t *testing.T) {
	outsider := localnettest.NewWallet(t, chain, 0)
	ix := localnettest.MustIx(t)(jc.InitializeInstruction(outsider.PublicKey(), ioMint, usdcMint, testParams(outsider.PublicKey())))
	requireRejected(t, gen.Error_NotUpgradeAuthority, []solana.PublicKey{jc.Config}, outsider, ix)
	ix = localnettest.MustIx(t)(jc.InitializeInstruction(upgrader.PublicKey(), ioMint, usdcMint, testParams(outsider.PublicKey())))
	requireRejected(t, "AccountAlreadyInitialized", []solana.PublicKey{jc.Config}, upgrader, ix)
}
