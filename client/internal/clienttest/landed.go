package clienttest

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
)

// txFee is the localnet's fee per signature (the ed25519 precompile's signatures included).
const txFee = 5_000

// RequireLandedRejected lands ixs without preflight (the transaction is sent, fails on-chain
// and its fee is charged: unlike RequireRejected, whose transaction preflight refuses before it
// is sent) and asserts that it failed with the program error want, that none of watch changed,
// and that the payer lost exactly the fee: a refused attack costs its sender the fee and moves
// nothing else. decode turns the failure into the program's error (a client's
// anchor.Errors.Decode for the program of the failing instruction; a CPI's error is named by
// the program that raised it).
func RequireLandedRejected(t testing.TB, sx *solanax.Client, decode func(error) error, want string, watch []solana.PublicKey, payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	ctx := Context(t)
	before := AccountStates(t, sx.RPC, watch...)
	payerBefore := balance(t, sx, payer.PublicKey())
	_, err := sx.Send(ctx, payer, ixs, solanax.WithSigners(signers...), solanax.WithSkipPreflight())
	require.Error(t, err, "the transaction landed and succeeded")
	var txErr *solanax.TxError
	require.ErrorAs(t, err, &txErr)
	require.False(t, txErr.Preflight, "sent without preflight, so it must have failed on-chain")
	require.Equal(t, want, anchor.ErrorName(decode(err)), "error: %v", err)
	require.Equal(t, before, AccountStates(t, sx.RPC, watch...), "a rejected transaction changed state")
	details, err := sx.TransactionDetails(ctx, txErr.Signature)
	require.NoError(t, err)
	require.LessOrEqual(t, details.Fee, uint64(1+len(signers)+len(ixs))*txFee, "fee of the failed transaction")
	require.Equal(t, payerBefore-details.Fee, balance(t, sx, payer.PublicKey()), "the payer lost more than the fee")
}

func balance(t testing.TB, sx *solanax.Client, addr solana.PublicKey) uint64 {
	t.Helper()
	res, err := sx.RPC.GetBalance(Context(t), addr, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	return res.Value
}
