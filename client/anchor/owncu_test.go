package anchor

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

func TestInvocations(t *testing.T) {
	program := solana.NewWallet().PublicKey()
	p, token, system := program.String(), solana.TokenProgramID.String(), solana.SystemProgramID.String()
	budget := "ComputeBudget111111111111111111111111111111"
	logs := []string{
		"Program " + budget + " invoke [1]",
		"Program " + budget + " success",
		"Program " + p + " invoke [1]",
		"Program log: Instruction: settle",
		"Program " + system + " invoke [2]",
		"Program " + system + " success",
		"Program " + token + " invoke [2]",
		"Program " + p + " invoke [3]",
		"Program " + p + " consumed 50 of 1000 compute units",
		"Program " + p + " success",
		"Program " + token + " consumed 4645 of 190000 compute units",
		"Program " + token + " success",
		"Program " + p + " consumed 12873 of 199850 compute units",
		"Program " + p + " success",
		"Program " + p + " invoke [1]",
		"Program " + p + " consumed 900 of 187000 compute units",
		"Program " + p + " failed: custom program error: 0x1770",
	}
	got := Invocations(logs)
	require.Equal(t, []Invocation{
		{Program: solana.MustPublicKeyFromBase58(budget), OK: true},
		{Program: program, Consumed: 12873, CPIs: 2, CPIConsumed: 4645 + SystemProgramCU, OK: true},
		{Program: program, Consumed: 900},
	}, got)
	require.Equal(t, uint64(12873-4645-150), got[1].Own(), "the System program's fixed 150 is its, not the caller's")
	require.Equal(t, uint64(900), got[2].Own())
}
