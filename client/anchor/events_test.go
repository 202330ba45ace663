package anchor

import (
	"encoding/base64"
	"errors"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

func TestEventData(t *testing.T) {
	program := solana.NewWallet().PublicKey().String()
	caller := solana.NewWallet().PublicKey().String()
	data := func(s string) string { return "Program data: " + base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, c := range []struct {
		name string
		logs []string
		want [][]byte
	}{
		{"top level", []string{
			"Program " + program + " invoke [1]",
			"Program log: Instruction: Stake",
			data("one"),
			data("two"),
			"Program " + program + " consumed 5000 of 200000 compute units",
			"Program " + program + " success",
		}, [][]byte{[]byte("one"), []byte("two")}},
		{"in a CPI, not the caller's", []string{
			"Program " + caller + " invoke [1]",
			data("caller before"),
			"Program " + program + " invoke [2]",
			data("inner"),
			"Program " + program + " success",
			data("caller after"),
			"Program " + caller + " success",
		}, [][]byte{[]byte("inner")}},
		{"a log line that reads like an exit", []string{
			"Program " + program + " invoke [1]",
			"Program log: transfer failed: retry",
			"Program log: success",
			data("kept"),
			"Program " + program + " failed: custom program error: 0x1770",
		}, [][]byte{[]byte("kept")}},
		{"not base64", []string{
			"Program " + program + " invoke [1]",
			"Program data: !!!",
			"Program " + program + " success",
		}, nil},
		{"outside any program", []string{data("loose")}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, EventData(c.logs, solana.MustPublicKeyFromBase58(program)))
		})
	}
}

func TestEvents(t *testing.T) {
	program := solana.NewWallet().PublicKey()
	logs := []string{
		"Program " + program.String() + " invoke [1]",
		"Program data: " + base64.StdEncoding.EncodeToString([]byte("ev:a")),
		"Program data: " + base64.StdEncoding.EncodeToString([]byte("other")),
		"Program data: " + base64.StdEncoding.EncodeToString([]byte("ev:b")),
		"Program " + program.String() + " success",
	}
	parse := func(b []byte) (any, error) {
		if len(b) < 3 || string(b[:3]) != "ev:" {
			return nil, errors.New("unknown discriminator")
		}
		return string(b[3:]), nil
	}
	require.Equal(t, []any{"a", "b"}, Events(logs, program, parse))
}
