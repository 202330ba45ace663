package capacity

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// check_params answers governance's question without changing anything: 1 for parameters
// update_params accepts, 0 for out-of-bounds ones (never an error); set_authority hands the table
// over, after which the old authority is refused.
func TestCheckParamsAndSetAuthority(t *testing.T) {
	ctx := localnettest.Context(t)
	answer := func(params gen.CapacityParams) byte {
		t.Helper()
		ix, err := gen.NewCheckParamsInstruction(params, cp.Config)
		require.NoError(t, err)
		ix, err = anchor.At("capacity", cp.ProgramID, ix, nil)
		require.NoError(t, err)
		tx, err := solana.NewTransaction([]solana.Instruction{ix}, solana.Hash{}, solana.TransactionPayer(upgrader.PublicKey()))
		require.NoError(t, err)
		sim, err := sx.RPC.SimulateTransactionWithOpts(ctx, tx, &rpc.SimulateTransactionOpts{ReplaceRecentBlockhash: true})
		require.NoError(t, err)
		require.Nil(t, sim.Value.Err, "check_params never fails on the parameters")
		prefix := "Program return: " + cp.ProgramID.String() + " "
		for _, line := range sim.Value.Logs {
			if encoded, ok := strings.CutPrefix(line, prefix); ok {
				data, err := base64.StdEncoding.DecodeString(encoded)
				require.NoError(t, err)
				require.Len(t, data, 1)
				return data[0]
			}
		}
		require.Fail(t, "no return data", "%v", sim.Value.Logs)
		return 0
	}
	bad := testParams()
	bad.Classes[classCPU].N = 100
	require.Equal(t, byte(1), answer(testParams()))
	require.Equal(t, byte(0), answer(bad))

	heir := localnettest.NewWallet(t, chain, 0)
	_, err := cp.SetAuthority(ctx, upgrader, heir.PublicKey())
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := cp.SetAuthority(localnettest.Context(t), heir, upgrader.PublicKey())
		require.NoError(t, err)
	})
	ix, err := cp.UpdateParamsInstruction(upgrader.PublicKey(), testParams())
	require.NoError(t, err)
	rejected(t, gen.Error_NotAuthority, upgrader, []solana.Instruction{ix})
	_, err = cp.UpdateParams(ctx, heir, testParams())
	require.NoError(t, err, "the new authority updates")
}
