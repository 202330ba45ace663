package capacity

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/capacity/pow"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// zeroAnswer is the root and the path of any leaf of an all-zero C of size n: every node of a
// level is the same hash, so no tree has to be built (n = 4096 has 16.7M leaves).
func zeroAnswer(n uint64) (root [32]byte, path [][32]byte) {
	node := pow.Leaf(0)
	for range pow.Depth(n) {
		path = append(path, node)
		node = pow.Node(node, node)
	}
	return node, path
}

// TestProveComputeUnits measures the compute units of prove with one entry per size: an
// all-zero C passes every path check and fails the recomputation (a proven fault), after the
// full cost of recomputing the entry, which is what a passing check costs too.
func TestProveComputeUnits(t *testing.T) {
	ctx := localnettest.Context(t)
	var table strings.Builder
	units := map[uint64]uint64{}
	for _, class := range []uint8{classCPU, 3, 2, classBig} {
		device, rec := requested(t, class)
		root, path := zeroAnswer(rec.N)
		_, err := cp.WaitSlotHash(ctx, rec.RequestSlot)
		require.NoError(t, err)
		_, err = cp.Commit(ctx, device, device, root)
		require.NoError(t, err)
		_, err = cp.WaitSlotHash(ctx, record(t, device.PublicKey()).CommitSlot)
		require.NoError(t, err)
		res, err := cp.Prove(ctx, device, device, []pow.Opening{{M: 0, Value: 0, Path: path}})
		require.NoError(t, err)
		details, err := res.Details(ctx)
		require.NoError(t, err)
		cu, ok := anchor.ComputeUnits(details.Logs, cp.ProgramID)
		require.True(t, ok, "compute units in the logs")
		require.Equal(t, StatusFault, record(t, device.PublicKey()).Status)
		units[rec.N] = cu
		fmt.Fprintf(&table, "n=%-5d one entry: %8d CU\n", rec.N, cu)
	}
	perTerm := (units[4096] - units[1024]) / (4096 - 1024)
	fmt.Fprintf(&table, "per term of the sum (A and B regenerated, one multiply-add mod p): %d CU", perTerm)
	t.Logf("prove compute units:\n%s", table.String())
	require.Less(t, units[4096], uint64(proveUnits), "one entry of the largest n fits a transaction's budget")
}
