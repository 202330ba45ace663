package clienttest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
)

// ComputeUnits unwraps a send's result into the compute units its transaction consumed (the
// meta's computeUnitsConsumed: every instruction and the programs they called):
// ComputeUnits(t)(client.Send(...)). anchor.ComputeUnits reads one instruction's share from the
// logs instead.
func ComputeUnits(t testing.TB) func(*solanax.Result, error) uint64 {
	return func(res *solanax.Result, err error) uint64 {
		t.Helper()
		require.NoError(t, err)
		details, err := res.Details(Context(t))
		require.NoError(t, err)
		return details.ComputeUnits
	}
}
