package localnettest

import (
	"errors"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Program is what a landed rejection needs to know of the program under attack: its id and
// its client's error table (the package's exported Errors).
type Program struct {
	ID     solana.PublicKey
	Errors *anchor.Errors
}

// RequireRejectedOnChain sends ixs paid by payer (signers sign too) without preflight, so the
// hostile transaction lands and is charged, and asserts that it failed on-chain with program's
// error want, that payer lost exactly the transaction's fee and that every other account, those
// in watch, the signers and every writable account of ixs, is byte-identical. RequireRejected's
// check cannot fail this way: a transaction refused in preflight was never executed.
func RequireRejectedOnChain(t testing.TB, sx *solanax.Client, program Program, want string, watch []solana.PublicKey,
	payer solana.PrivateKey, ixs []solana.Instruction, signers ...solana.PrivateKey) {
	t.Helper()
	others := touched(payer.PublicKey(), watch, ixs, signers)
	all := append([]solana.PublicKey{payer.PublicKey()}, others...)
	before := AccountStates(t, sx.RPC, all...)
	payerBefore := lamports(t, sx, payer.PublicKey())

	_, err := sx.Send(Context(t), payer, ixs, solanax.WithSigners(signers...), solanax.WithSkipPreflight())
	require.Error(t, err, "the hostile transaction succeeded")
	var txErr *solanax.TxError
	require.True(t, errors.As(err, &txErr), "not a transaction failure: %v", err)
	require.False(t, txErr.Preflight, "refused in preflight, not landed: %v", err)
	decoded := program.Errors.Decode(err, program.ID)
	require.Equal(t, want, program.Errors.Name(decoded), "error: %v", decoded)

	details, err := sx.TransactionDetails(Context(t), txErr.Signature)
	require.NoError(t, err)
	require.Positive(t, details.Fee, "a landed transaction pays a fee")
	require.Equal(t, payerBefore-details.Fee, lamports(t, sx, payer.PublicKey()), "the payer lost exactly the fee")
	require.Equal(t, before[1:], AccountStates(t, sx.RPC, others...), "a rejected transaction changed state")
}

// touched is watch, the signers and every writable account of ixs, without payer, each once.
func touched(payer solana.PublicKey, watch []solana.PublicKey, ixs []solana.Instruction, signers []solana.PrivateKey) []solana.PublicKey {
	seen := map[solana.PublicKey]bool{payer: true}
	var out []solana.PublicKey
	add := func(k solana.PublicKey) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, k := range watch {
		add(k)
	}
	for _, s := range signers {
		add(s.PublicKey())
	}
	for _, ix := range ixs {
		for _, m := range ix.Accounts() {
			if m.IsWritable {
				add(m.PublicKey)
			}
		}
	}
	return out
}

// lamports is addr's balance (0 when absent).
func lamports(t testing.TB, sx *solanax.Client, addr solana.PublicKey) uint64 {
	t.Helper()
	res, err := sx.RPC.GetBalance(Context(t), addr, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	return res.Value
}
