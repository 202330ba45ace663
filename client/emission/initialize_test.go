package emission

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestInitializeOnPrefundedAddresses: setUp sent lamports to the state's, both vaults' and the
// liveness pool's addresses before initialising; the program was set up all the same, each
// account keeping the surplus, the vaults empty token accounts of the IO mint owned by the state
// PDA, the pool empty (no heartbeat yet).
func TestInitializeOnPrefundedAddresses(t *testing.T) {
	ctx := localnettest.Context(t)
	st := fetchState(t)
	require.Equal(t, authority.PublicKey(), st.Authority, "the authority is the one named, not the upgrade authority that paid")
	require.Equal(t, startTs, st.StartTs)
	a := em.Addresses
	localnettest.RequireCreated(t, chain, a.State, em.ProgramID, localnettest.PrefundAboveRent)
	for _, vault := range []solana.PublicKey{a.StakerVault, a.SupplierVault} {
		localnettest.RequireCreated(t, chain, vault, solana.TokenProgramID, localnettest.PrefundAboveRent)
		acct, err := em.sx.FetchTokenAccount(ctx, vault)
		require.NoError(t, err)
		require.Equal(t, ioMint, acct.Mint)
		require.Equal(t, a.State, acct.Owner)
	}
	localnettest.RequireCreated(t, chain, a.LivenessPool, em.ProgramID, localnettest.PrefundAboveRent)
	pool, err := em.FetchLivenessPool(ctx)
	require.NoError(t, err)
	require.Zero(t, pool.LastEpoch, "no heartbeat yet")
	require.Zero(t, pool.Paid)
}
