package staking

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/internal/clienttest"
)

// TestInitializeOnPrefundedAddresses: setUp sent lamports to the config's and both vaults'
// addresses before initialising; the program was set up all the same, each account keeping the
// surplus, the vaults empty token accounts of the IO mint owned by the config.
func TestInitializeOnPrefundedAddresses(t *testing.T) {
	ctx := clienttest.Context(t)
	cfg, err := stk.FetchConfig(ctx)
	require.NoError(t, err)
	require.Equal(t, authority.PublicKey(), cfg.Authority, "the authority is the one named, not the upgrade authority that signed")
	a := stk.Addresses
	clienttest.RequireCreated(t, chain, a.Config, stk.ProgramID, clienttest.PrefundAboveRent)
	for _, vault := range []solana.PublicKey{a.StakeVault, a.RewardVault} {
		clienttest.RequireCreated(t, chain, vault, solana.TokenProgramID, clienttest.PrefundAboveRent)
		acct, err := stk.sx.FetchTokenAccount(ctx, vault)
		require.NoError(t, err)
		require.Equal(t, ioMint, acct.Mint)
		require.Equal(t, a.Config, acct.Owner)
	}
}
