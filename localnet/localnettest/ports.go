package localnettest

import (
	"testing"

	"github.com/ionet-oss/ionet/localnet"
)

// FreePortPair is a port p with p and p+1 both free (JSON-RPC and websocket), for tests that
// start `ionet localnet up` themselves.
func FreePortPair(t testing.TB) int {
	t.Helper()
	port, err := localnet.FreePortPair()
	if err != nil {
		t.Fatal(err)
	}
	return port
}
