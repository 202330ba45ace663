package governance

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestInitializeOnPrefundedAddress: setUp sent lamports to the governance PDA's address before
// initialising (a pre-funded ["governance"] used to block it for good); governance was set up all
// the same, keeping the surplus.
func TestInitializeOnPrefundedAddress(t *testing.T) {
	g, err := gov.FetchGovernance(testContext(t))
	require.NoError(t, err)
	require.Equal(t, stk.ProgramID, g.StakingProgram)
	require.Equal(t, uint64(minStake), g.MinStakeToPropose)
	localnettest.RequireCreated(t, chain, gov.Governance, gov.ProgramID, localnettest.PrefundAboveRent)
}
