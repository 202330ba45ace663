package livenesstest

import (
	"testing"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestPrefundedLivenessPool: setUp sent lamports to the liveness pool's address before any
// heartbeat; the first heartbeat created the pool all the same, keeping the surplus.
func TestPrefundedLivenessPool(t *testing.T) {
	heartbeat(t, newDevice(t, nil, h100, 1, true)) // creates the pool unless an earlier test did
	localnettest.RequireCreated(t, chain, em.Addresses.LivenessPool, em.ProgramID, localnettest.PrefundAboveRent)
}
