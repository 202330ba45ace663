package jobs

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// ProgramError is a failed jobs instruction: a custom error from the IDL's table, or a builtin
// instruction error (such as MissingRequiredSignature) the program returned.
type ProgramError struct {
	// Code is the custom error code (0 for builtin errors).
	Code uint32
	// Name is the IDL error name ("WindowOpen") or the builtin error ("InvalidAccountData").
	Name    string
	Message string
	Tx      *solanax.TxError
}

func (e *ProgramError) Error() string {
	if e.Code == 0 {
		return fmt.Sprintf("jobs program: %s (%v)", e.Name, e.Tx)
	}
	return fmt.Sprintf("jobs program: %s (%d): %s (%v)", e.Name, e.Code, e.Message, e.Tx)
}

func (e *ProgramError) Unwrap() error { return e.Tx }

type idlError struct {
	Code uint32 `json:"code"`
	Name string `json:"name"`
	Msg  string `json:"msg"`
}

// errorTable maps custom codes to the IDL's names and messages.
var errorTable = func() map[uint32]idlError {
	var idl struct {
		Errors []idlError `json:"errors"`
	}
	if err := json.Unmarshal(gen.IDL, &idl); err != nil {
		panic(fmt.Sprintf("jobs: embedded IDL does not parse: %v", err)) // generated file: a build-time fact
	}
	table := make(map[uint32]idlError, len(idl.Errors))
	for _, e := range idl.Errors {
		table[e.Code] = e
	}
	return table
}()

// decodeError turns a transaction failure of a jobs instruction into a *ProgramError; other
// errors are returned unchanged. Errors raised inside a CPI (SPL Token, staking) are reported
// against the jobs instruction: codes outside the IDL keep their number.
func decodeError(err error, programID solana.PublicKey) error {
	var txErr *solanax.TxError
	if !errors.As(err, &txErr) || txErr.Instruction < 0 || txErr.Program == nil || !txErr.Program.Equals(programID) {
		return err
	}
	if txErr.IsCustom {
		e, ok := errorTable[txErr.Custom]
		if !ok {
			return &ProgramError{Code: txErr.Custom, Name: fmt.Sprintf("Custom(%d)", txErr.Custom), Message: "not a jobs error: raised by a program it called", Tx: txErr}
		}
		return &ProgramError{Code: e.Code, Name: e.Name, Message: e.Msg, Tx: txErr}
	}
	if name := builtinName(txErr.Err); name != "" {
		return &ProgramError{Name: name, Tx: txErr}
	}
	return err
}

// builtinName reads X from {"InstructionError":[i,"X"]}.
func builtinName(raw json.RawMessage) string {
	var v struct {
		InstructionError []json.RawMessage `json:"InstructionError"`
	}
	if json.Unmarshal(raw, &v) != nil || len(v.InstructionError) != 2 {
		return ""
	}
	var name string
	if json.Unmarshal(v.InstructionError[1], &name) != nil {
		return ""
	}
	return name
}

// ErrorName is the jobs program error's name carried by err ("" when err is not one).
func ErrorName(err error) string {
	var pe *ProgramError
	if errors.As(err, &pe) {
		return pe.Name
	}
	return ""
}
