package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

// operatorChain is what the deploy tests start from, as an operator on devnet would: a bare
// localnet (no protocol) in an isolated home, a funded operator key in a keypair file and a
// directory for the program keypairs.
type operatorChain struct {
	ctx         context.Context
	chain       *localnet.Chain
	home        string
	key         solana.PrivateKey
	keypair     string
	programKeys string
}

// newOperatorChain starts it with opts (Bare is always set); the chain stops with the test.
func newOperatorChain(t *testing.T, opts localnet.Options) *operatorChain {
	t.Helper()
	o := &operatorChain{home: isolate(t)}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	o.ctx = ctx
	opts.Bare = true
	chain, err := localnet.Start(ctx, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Stop() })
	o.chain = chain
	o.key, err = solana.NewRandomPrivateKey()
	require.NoError(t, err)
	require.NoError(t, chain.Airdrop(ctx, o.key.PublicKey(), 50*solana.LAMPORTS_PER_SOL))
	o.keypair = keypairFile(t, t.TempDir(), "operator", o.key)
	o.programKeys = filepath.Join(t.TempDir(), "program-keys")
	return o
}

// global are the flags every command gets: the chain, the operator, JSON output.
func (o *operatorChain) global() []string {
	return []string{"--url", o.chain.RPCURL, "--keypair", o.keypair, "-o", "json"}
}

// run runs `ionet WORDS --url --keypair -o json ARGS`, requires exit code wantCode (and, on
// success, well-formed JSON) and returns stdout and stderr.
func (o *operatorChain) run(t *testing.T, wantCode int, words string, args ...string) (string, string) {
	t.Helper()
	full := append(append(strings.Fields(words), o.global()...), args...)
	code, out, errOut := ionet(o.ctx, full...)
	require.Equal(t, wantCode, code, "ionet %s: %s", strings.Join(full, " "), errOut)
	if wantCode == 0 {
		checkJSONOutput(t, strings.Join(full, " "), out)
	}
	return out, errOut
}
