package anchor

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

func TestPDA(t *testing.T) {
	program := solana.MustPublicKeyFromBase58("Stake11111111111111111111111111111111111111")
	owner := solana.NewWallet().PublicKey()
	want, _, err := solana.FindProgramAddress([][]byte{[]byte("position"), owner.Bytes()}, program)
	require.NoError(t, err)
	got, err := PDA(program, []byte("position"), owner.Bytes())
	require.NoError(t, err)
	require.Equal(t, want, got)

	fixed, err := PDAs(program, []byte("config"), []byte("stake_vault"))
	require.NoError(t, err)
	for i, seed := range []string{"config", "stake_vault"} {
		want, _, err := solana.FindProgramAddress([][]byte{[]byte(seed)}, program)
		require.NoError(t, err)
		require.Equal(t, want, fixed[i], seed)
	}

	_, err = PDA(program, make([]byte, 33))
	require.ErrorContains(t, err, "under program "+program.String())
}
