package emission

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/internal/clienttest"
	"github.com/ionet-oss/ionet/client/solanax"
)

// computeUnits records, per case, the most compute units the emission instruction itself used
// (its top-level `consumed` log line: SPL Token and staking CPIs included, the compute budget and
// ATA instructions of the same transaction not). TestMain prints the table; README records it.
var computeUnits = struct {
	sync.Mutex
	max map[string]uint64
}{max: map[string]uint64{}}

func recordComputeUnits(t testing.TB, name string, res *solanax.Result) {
	t.Helper()
	details, err := res.Details(clienttest.Context(t))
	require.NoError(t, err)
	units, ok := anchor.ComputeUnits(details.Logs, em.ProgramID)
	require.True(t, ok, "no consumed line for the emission program in %v", details.Logs)
	computeUnits.Lock()
	defer computeUnits.Unlock()
	computeUnits.max[name] = max(computeUnits.max[name], units)
}

func computeUnitsTable() string {
	computeUnits.Lock()
	defer computeUnits.Unlock()
	var rows []string
	for _, name := range []string{"crank, 1 epoch", "crank, 3,600 epochs (largest catch-up)", "burn"} {
		if units, ok := computeUnits.max[name]; ok {
			rows = append(rows, fmt.Sprintf("| %-40s | %9d |", name, units))
		}
	}
	if len(rows) == 0 {
		return ""
	}
	return "| instruction                              | CU (most) |\n|------------------------------------------|-----------|\n" + strings.Join(rows, "\n")
}
