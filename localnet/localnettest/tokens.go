package localnettest

import (
	"errors"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
)

// TokenAccount is owner's associated token account of mint.
func TokenAccount(t testing.TB, owner, mint solana.PublicKey) solana.PublicKey {
	t.Helper()
	addr, err := solanax.AssociatedTokenAddress(owner, mint)
	require.NoError(t, err)
	return addr
}

// TokenBalance is a token account's amount: 0 when the account does not exist (yet); any other
// failure to read it fails the test.
func TokenBalance(t testing.TB, sx *solanax.Client, account solana.PublicKey) uint64 {
	t.Helper()
	acct, err := sx.FetchTokenAccount(Context(t), account)
	if errors.Is(err, solanax.ErrAccountNotFound) {
		return 0
	}
	require.NoError(t, err)
	return acct.Amount
}
