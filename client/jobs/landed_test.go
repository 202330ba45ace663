package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission"
	"github.com/ionet-oss/ionet/client/internal/clienttest"
	"github.com/ionet-oss/ionet/client/solanax"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// stakingErrors names the staking program's errors for transactions whose top-level
// instruction is staking's.
var stakingErrors = anchor.MustErrors("staking", stakinggen.IDL)

// requireLandedRejected lands ixs without preflight (the transaction is sent, fails on-chain
// and its fee is charged) and asserts it failed with the program error want (named by the
// program that raised it, top-level or in a CPI), that none of watch changed, and that the
// payer paid exactly the fee: an attack that fails costs the attacker its fee and moves nothing
// else.
func requireLandedRejected(t *testing.T, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	ctx := clienttest.Context(t)
	before := clienttest.AccountStates(t, jc.sx.RPC, watch...)
	payerBefore := lamports(t, payer.PublicKey())
	_, err := jc.sx.Send(ctx, payer, ixs, solanax.WithSigners(signers...), solanax.WithSkipPreflight())
	require.Error(t, err, "the transaction landed and succeeded")
	var txErr *solanax.TxError
	require.ErrorAs(t, err, &txErr)
	require.False(t, txErr.Preflight, "sent without preflight, so it must have failed on-chain")
	top := ixs[txErr.Instruction].ProgramID()
	switch {
	case top.Equals(jc.ProgramID):
		err = programErrors.Decode(err, top)
	case top.Equals(stk.ProgramID):
		err = stakingErrors.Decode(err, top)
	}
	require.Equal(t, want, anchor.ErrorName(err), "error: %v", err)
	require.Equal(t, before, clienttest.AccountStates(t, jc.sx.RPC, watch...), "a rejected transaction changed state")
	details, err := jc.sx.TransactionDetails(ctx, txErr.Signature)
	require.NoError(t, err)
	// The base fee: one txFee per signature, the ed25519 precompile's included.
	require.LessOrEqual(t, details.Fee, uint64(1+len(signers)+len(ixs))*txFee, "fee of the failed transaction")
	require.Equal(t, payerBefore-details.Fee, lamports(t, payer.PublicKey()), "the payer paid more than the fee")
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
	now, err := emission.ChainTime(clienttest.Context(t), jc.sx.RPC)
	require.NoError(t, err)
	return now
}
