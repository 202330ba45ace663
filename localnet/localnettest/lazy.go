package localnettest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

// LazyChain is a package's one localnet, started by the first test that needs it (tests
// without a chain run without one) with short slots: confirmation waits one slot, and the
// tests wait on many confirmations. TestMain stops it: os.Exit(chain.Stop(m.Run(), "pkg")).
type LazyChain struct {
	once  sync.Once
	chain *localnet.Chain
	err   error
}

// Get is the chain, started on first use; a chain that cannot start fails t.
func (l *LazyChain) Get(t testing.TB) *localnet.Chain {
	t.Helper()
	l.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		l.chain, l.err = localnet.Start(ctx, localnet.Options{}) // a test binary's short default slot
	})
	require.NoError(t, l.err, "start the localnet (make deps installs what it needs)")
	return l.chain
}

// Stop stops the chain when one was started and returns the exit code: code, or at least 1
// when the chain would not stop (said on stderr for the package pkg).
func (l *LazyChain) Stop(code int, pkg string) int {
	if l.chain == nil {
		return code
	}
	if err := l.chain.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "%s tests: stop the localnet: %v\n", pkg, err)
		return max(code, 1)
	}
	return code
}
