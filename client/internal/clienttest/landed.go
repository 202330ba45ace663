package clienttest

import (
	"context"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
)

// FeePerSignature is what the local chain charges per signature (no priority fee is set).
const FeePerSignature = 5_000

// RequireRejectedOnChain is RequireRejected for a transaction that lands: send must pass the
// option it is given (preflight skipped) to its send, so the transaction is executed and fails
// on-chain. It must fail with the program error errorName reads as want, leave every account of
// watch as it was, and cost payer exactly the fee of its signatures, nothing more.
func RequireRejectedOnChain(t testing.TB, client *rpc.Client, errorName func(error) string, want string, watch []solana.PublicKey,
	payer solana.PublicKey, signatures int, send func(context.Context, solanax.TxOption) error) {
	t.Helper()
	before := AccountStates(t, client, watch...)
	paid := lamports(t, client, payer)
	err := send(Context(t), solanax.WithSkipPreflight())
	require.Error(t, err)
	require.Equal(t, want, errorName(err), "error: %v", err)
	var txErr *solanax.TxError
	require.ErrorAs(t, err, &txErr)
	require.False(t, txErr.Preflight, "the transaction must land, not stop in preflight: %v", err)
	require.Equal(t, before, AccountStates(t, client, watch...), "a rejected transaction changed state")
	require.Equal(t, paid-uint64(signatures)*FeePerSignature, lamports(t, client, payer), "the payer lost more than the fee")
}

func lamports(t testing.TB, client *rpc.Client, key solana.PublicKey) uint64 {
	t.Helper()
	res, err := client.GetBalance(Context(t), key, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	return res.Value
}
