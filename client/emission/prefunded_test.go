package emission

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestPrefundedBurnRecordStillBurns: the next burn record's address (the seeded address of
// "burn" + hex(burn_count) under the state PDA) is known in advance; lamports sent there used to
// stop the burn ledger for good. The burn now goes through and the ledger moves on.
func TestPrefundedBurnRecordStillBurns(t *testing.T) {
	for _, p := range localnettest.Prefunds {
		t.Run(p.Name, func(t *testing.T) {
			ctx := localnettest.Context(t)
			next := fetchState(t).BurnCount
			record, err := BurnRecordAddress(em.ProgramID, next)
			require.NoError(t, err)
			localnettest.Prefund(t, chain, record, p.Lamports)

			index, _, err := em.Burn(ctx, treasury, 5*IO, "pre-funded record")
			require.NoError(t, err, "a pre-funded burn record must not block the ledger")
			require.Equal(t, next, index)
			rec, err := em.FetchBurnRecord(ctx, index)
			require.NoError(t, err)
			require.Equal(t, uint64(5*IO), rec.Amount)
			require.Equal(t, treasury.PublicKey(), rec.Burner)
			require.Equal(t, next+1, fetchState(t).BurnCount)
			localnettest.RequireCreated(t, chain, record, em.ProgramID, p.Lamports)
			requireStatusHolds(t)
		})
	}
}
