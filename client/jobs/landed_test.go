package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// staking.Errors names the staking program's errors for transactions whose top-level
// instruction is staking's.

// requireLandedRejected is requireRejected for transactions whose failing instruction (the last
// one) may be the staking program's: it lands the transaction and asserts want, named by that
// program's table, only the fee paid and nothing else changed (localnettest.RequireRejectedOnChain).
func requireLandedRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	program := localnettest.Program{ID: jc.ProgramID, Errors: Errors}
	if last := ixs[len(ixs)-1].ProgramID(); last.Equals(stk.ProgramID) {
		program = localnettest.Program{ID: stk.ProgramID, Errors: staking.Errors}
	}
	localnettest.RequireRejectedOnChain(t, jc.sx, program, want, watch, payer, ixs, signers...)
}

// deviceAddr is the staking account of device.
func deviceAddr(t testing.TB, device solana.PrivateKey) solana.PublicKey {
	t.Helper()
	addr, err := jc.deviceAddress(device.PublicKey())
	require.NoError(t, err)
	return addr
}

// chainNow is the chain clock (unix seconds).
func chainNow(t testing.TB) int64 {
	t.Helper()
	now, err := solanax.ChainTime(localnettest.Context(t), jc.sx.RPC)
	require.NoError(t, err)
	return now
}
