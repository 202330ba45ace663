package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestInitializeOnPrefundedAddresses: setUp sent lamports to the config's and both vaults'
// addresses before initialising; the program was set up all the same, each account keeping the
// surplus, the vaults empty token accounts of the IO mint owned by the config.
func TestInitializeOnPrefundedAddresses(t *testing.T) {
	ctx := localnettest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, authority.PublicKey(), cfg.Authority, "the authority is the one named, not the upgrade authority that signed")
	a := stk.Addresses
	localnettest.RequireCreated(t, chain, a.Config, stk.ProgramID, localnettest.PrefundAboveRent)
	for _, vault := range []solana.PublicKey{a.StakeVault, a.RewardVault} {
		localnettest.RequireCreated(t, chain, vault, solana.TokenProgramID, localnettest.PrefundAboveRent)
		acct, err := stk.sx.FetchTokenAccount(ctx, vault)
		require.NoError(t, err)
		require.Equal(t, ioMint, acct.Mint)
		require.Equal(t, a.Config, acct.Owner)
	}
}
