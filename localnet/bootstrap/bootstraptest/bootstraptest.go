// Package bootstraptest starts a chain of a test's own with the protocol set up on it, for the
// daemons' end-to-end tests (worker, checker).
package bootstraptest

import (
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/bootstrap"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// Protocol is a chain with the protocol set up, its jobs client and the operator's key (the
// distribution wallet, which also settles jobs).
type Protocol struct {
	Chain    *localnet.Chain
	SX       *solanax.Client
	Jobs     *jobs.Client
	Operator solana.PrivateKey
}

// Start starts a chain at slot for t (stopped at cleanup) and sets the protocol up on it.
func Start(t testing.TB, slot time.Duration) *Protocol {
	t.Helper()
	ctx := localnettest.Context(t)
	chain, err := localnet.Start(ctx, localnet.Options{SlotDuration: slot})
	require.NoError(t, err, "start the localnet")
	t.Cleanup(func() { _ = chain.Stop() })
	p := &Protocol{Chain: chain, SX: solanax.New(chain.RPCURL, chain.WSURL)}
	_, err = bootstrap.Protocol(ctx, p.SX, chain.Manifest)
	require.NoError(t, err, "set the protocol up")
	stk, err := staking.New(p.SX, chain.Manifest.Programs["staking"])
	require.NoError(t, err)
	p.Jobs, err = jobs.New(p.SX, chain.Manifest.Programs["jobs"], stk)
	require.NoError(t, err)
	p.Operator, err = chain.Manifest.Distribution.Load()
	require.NoError(t, err)
	return p
}
