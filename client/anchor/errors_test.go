package anchor

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/solanax"
)

var testIDL = []byte(`{"errors":[
	{"code":6001,"name":"Overflow","msg":"arithmetic overflow"},
	{"code":6000,"name":"ZeroAmount","msg":"amount must be greater than zero"}]}`)

func TestMustErrors(t *testing.T) {
	table := MustErrors("staking", testIDL)
	require.Equal(t, []IDLError{
		{Code: 6000, Name: "ZeroAmount", Msg: "amount must be greater than zero"},
		{Code: 6001, Name: "Overflow", Msg: "arithmetic overflow"},
	}, table.All())
	require.PanicsWithValue(t, "staking: embedded IDL does not parse: unexpected end of JSON input", func() {
		MustErrors("staking", []byte(`{"errors":`))
	})
}

func TestDecode(t *testing.T) {
	program := solana.NewWallet().PublicKey()
	other := solana.NewWallet().PublicKey()
	table := MustErrors("staking", testIDL)
	txErr := func(instruction int, prog *solana.PublicKey, raw string, custom ...uint32) *solanax.TxError {
		e := &solanax.TxError{Instruction: instruction, Program: prog, Err: json.RawMessage(raw)}
		if len(custom) == 1 {
			e.Custom, e.IsCustom = custom[0], true
		}
		return e
	}
	for _, c := range []struct {
		name string
		err  error
		want *ProgramError // nil: err comes back unchanged
	}{
		{"IDL code", txErr(1, &program, `{"InstructionError":[1,{"Custom":6000}]}`, 6000),
			&ProgramError{Program: "staking", Code: 6000, Name: "ZeroAmount", Message: "amount must be greater than zero"}},
		{"code of a called program", txErr(0, &program, `{"InstructionError":[0,{"Custom":1}]}`, 1),
			&ProgramError{Program: "staking", Code: 1, Name: "Custom(1)", Message: "not in the staking IDL: raised by a program it called (SPL Token: 1 is insufficient funds)"}},
		{"builtin", txErr(2, &program, `{"InstructionError":[2,"MissingRequiredSignature"]}`),
			&ProgramError{Program: "staking", Name: "MissingRequiredSignature"}},
		{"builtin with a payload", txErr(2, &program, `{"InstructionError":[2,{"BorshIoError":"x"}]}`), nil},
		{"another program's instruction", txErr(0, &other, `{"InstructionError":[0,{"Custom":6000}]}`, 6000), nil},
		{"program unknown", txErr(0, nil, `{"InstructionError":[0,{"Custom":6000}]}`, 6000), nil},
		{"not an instruction error", txErr(-1, nil, `"BlockhashNotFound"`), nil},
		{"not a transaction error", errors.New("dial tcp: refused"), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			wrapped := fmt.Errorf("stake: %w", c.err)
			got := table.Decode(wrapped, program)
			if c.want == nil {
				require.Same(t, wrapped, got)
				require.Empty(t, ErrorName(got))
				return
			}
			var tx *solanax.TxError
			require.ErrorAs(t, c.err, &tx)
			c.want.Tx = tx
			require.Equal(t, c.want, got)
			require.ErrorIs(t, got, tx, "the transaction error stays reachable")
			require.Equal(t, c.want.Name, ErrorName(fmt.Errorf("wrapped: %w", got)))
			require.Equal(t, c.want.Name, table.Name(got))
			require.Empty(t, MustErrors("emission", testIDL).Name(got), "another program's table does not claim it")
		})
	}
}

func TestProgramErrorText(t *testing.T) {
	tx := &solanax.TxError{Preflight: true, Logs: []string{
		"Program log: AnchorError occurred. Error Code: ZeroAmount. Error Number: 6000. Error Message: amount must be greater than zero.",
	}}
	// The message once: the transaction's reason and log line, which repeat it, are left out.
	require.Equal(t, fmt.Sprintf("staking program: ZeroAmount (6000): amount must be greater than zero (%s)", tx.Where()),
		(&ProgramError{Program: "staking", Code: 6000, Name: "ZeroAmount", Message: "amount must be greater than zero", Tx: tx}).Error())
	require.Equal(t, fmt.Sprintf("emission program: InvalidSeeds (%s)", tx.Where()),
		(&ProgramError{Program: "emission", Name: "InvalidSeeds", Tx: tx}).Error())
	text := (&ProgramError{Program: "staking", Code: 6000, Name: "ZeroAmount", Message: "amount must be greater than zero", Tx: tx}).Error()
	require.Equal(t, 1, strings.Count(text, "amount must be greater than zero"), text)
	require.Equal(t, 1, strings.Count(text, "ZeroAmount"), text)
	require.Contains(t, text, "not sent, no fee charged")
}

func TestDecodeNamesTheProgramThatRaisedIt(t *testing.T) {
	jobs, staking, token := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey(), solana.TokenProgramID
	jobsTable := MustErrors("jobs", []byte(`{"address":"`+jobs.String()+`","errors":[{"code":6011,"name":"WrongJobState","msg":"the job is not in that state"}]}`))
	MustErrors("staking", []byte(`{"address":"`+staking.String()+`","errors":[{"code":6011,"name":"SlashExceedsStake","msg":"more than the device holds"}]}`))
	failedInside := func(callee solana.PublicKey, code uint32) *solanax.TxError {
		return &solanax.TxError{Instruction: 0, Program: &jobs, Custom: code, IsCustom: true,
			Err: json.RawMessage(fmt.Sprintf(`{"InstructionError":[0,{"Custom":%d}]}`, code)),
			Logs: []string{
				"Program " + jobs.String() + " invoke [1]",
				"Program " + callee.String() + " invoke [2]",
				fmt.Sprintf("Program %s failed: custom program error: %#x", callee, code),
				fmt.Sprintf("Program %s failed: custom program error: %#x", jobs, code),
			}}
	}
	for _, c := range []struct {
		name     string
		tx       *solanax.TxError
		want     ProgramError
		jobsName string // what the jobs table's Name says: only its own errors
	}{
		{"a known program's code: its own name, not the caller's error of the same number", failedInside(staking, 6011),
			ProgramError{Program: "staking", Code: 6011, Name: "SlashExceedsStake", Message: "more than the device holds (in the staking program, called by jobs)"}, ""},
		{"an unknown program's code keeps its number", failedInside(token, 1),
			ProgramError{Program: "jobs", Code: 1, Name: "Custom(1)", Message: "raised by program " + token.String() + ", which jobs called (SPL Token: 1 is insufficient funds)"}, "Custom(1)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.want.Tx = c.tx
			got := jobsTable.Decode(c.tx, jobs)
			require.Equal(t, &c.want, got)
			require.Equal(t, c.want.Name, ErrorName(got))
			require.Equal(t, c.jobsName, jobsTable.Name(got))
		})
	}
}
