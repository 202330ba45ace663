package anchor

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

func TestComputeUnits(t *testing.T) {
	program := solana.NewWallet().PublicKey()
	p, token := program.String(), solana.TokenProgramID.String()
	for _, c := range []struct {
		name   string
		logs   []string
		want   uint64
		wantOK bool
	}{
		{"top level, after a CPI", []string{
			"Program ComputeBudget111111111111111111111111111111 invoke [1]",
			"Program ComputeBudget111111111111111111111111111111 consumed 150 of 1400000 compute units",
			"Program ComputeBudget111111111111111111111111111111 success",
			"Program " + p + " invoke [1]",
			"Program " + token + " invoke [2]",
			"Program " + token + " consumed 4645 of 190000 compute units",
			"Program " + token + " success",
			"Program " + p + " consumed 12873 of 199850 compute units",
			"Program " + p + " success",
		}, 12873, true},
		{"failed", []string{
			"Program " + p + " invoke [1]",
			"Program log: transfer failed: retry",
			"Program " + p + " consumed 900 of 200000 compute units",
			"Program " + p + " failed: custom program error: 0x1770",
		}, 900, true},
		{"only in a CPI", []string{
			"Program " + token + " invoke [1]",
			"Program " + p + " invoke [2]",
			"Program " + p + " consumed 77 of 190000 compute units",
			"Program " + p + " success",
			"Program " + token + " consumed 100 of 200000 compute units",
			"Program " + token + " success",
		}, 0, false},
		{"no consumed line", []string{"Program " + p + " invoke [1]", "Program " + p + " success"}, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ComputeUnits(c.logs, program)
			require.Equal(t, c.wantOK, ok)
			require.Equal(t, c.want, got)
		})
	}
}
