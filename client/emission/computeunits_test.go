package emission

import (
	"testing"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// computeUnits records, per case, the most compute units the emission instruction itself used
// (SPL Token and staking CPIs included, the compute budget and ATA instructions of the same
// transaction not). TestMain prints the table with -v; README records it.
var computeUnits localnettest.ComputeUnitTable

func recordComputeUnits(t testing.TB, name string, res *solanax.Result) {
	t.Helper()
	computeUnits.Record(t, em.Solana(), em.ProgramID, name, res.Signature)
}
