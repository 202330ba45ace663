package localnettest

import (
	"context"
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"
)

// AccountStates is the lamports and data of each address ("absent" when it does not exist), for
// asserting that a failed instruction changed nothing.
func AccountStates(t testing.TB, client *rpc.Client, addrs ...solana.PublicKey) []string {
	t.Helper()
	res, err := client.GetMultipleAccountsWithOpts(Context(t), addrs, &rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64})
	require.NoError(t, err)
	out := make([]string, len(addrs))
	for i, a := range res.Value {
		out[i] = "absent"
		if a != nil {
			out[i] = fmt.Sprintf("%d:%s", a.Lamports, base64.StdEncoding.EncodeToString(a.Data.GetBinary()))
		}
	}
	return out
}

// RequireRejected runs send, which must fail with the program error that errorName (the client's
// ErrorName) reads as want, and asserts that none of watch changed. A send with preflight is
// refused in simulation and never executed, so the last check cannot fail: for hostile
// transactions use RequireRejectedOnChain, which lands them and checks that only the fee moved.
func RequireRejected(t testing.TB, client *rpc.Client, errorName func(error) string, want string, watch []solana.PublicKey, send func(context.Context) error) {
	t.Helper()
	before := AccountStates(t, client, watch...)
	err := send(Context(t))
	require.Error(t, err)
	require.Equal(t, want, errorName(err), "error: %v", err)
	require.Equal(t, before, AccountStates(t, client, watch...), "a rejected instruction changed state")
}
