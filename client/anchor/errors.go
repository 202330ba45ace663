package anchor

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
)

// ProgramError is a failed instruction of a program: a custom error from its IDL's table, a
// custom code raised by a program it called, or a builtin instruction error (such as
// MissingRequiredSignature) the program returned.
type ProgramError struct {
	// Program is the program's name as its client gave it ("staking").
	Program string
	// Code is the custom error code (0 for builtin errors).
	Code uint32
	// Name is the IDL error name ("ZeroAmount"), "Custom(N)" for a code outside the IDL, or the
	// builtin error ("MissingRequiredSignature").
	Name    string
	Message string
	Tx      *solanax.TxError
}

// Error names the program error and says its message once: the transaction's own reason and
// log line repeat both, so only where it failed (and what that cost) is added.
func (e *ProgramError) Error() string {
	where := ""
	if e.Tx != nil {
		where = " (" + e.Tx.Where() + ")"
	}
	if e.Code == 0 {
		return fmt.Sprintf("%s program: %s%s", e.Program, e.Name, where)
	}
	return fmt.Sprintf("%s program: %s (%d): %s%s", e.Program, e.Name, e.Code, e.Message, where)
}

func (e *ProgramError) Unwrap() error { return e.Tx }

// ErrorName is the name of the program error carried by err, whichever program raised it ("" when
// err carries none). A client's Errors.Name also checks the program.
func ErrorName(err error) string {
	var pe *ProgramError
	if errors.As(err, &pe) {
		return pe.Name
	}
	return ""
}

// IDLError is one entry of an IDL's "errors" table.
type IDLError struct {
	Code uint32 `json:"code"`
	Name string `json:"name"`
	Msg  string `json:"msg"`
}

// Errors is one program's error table, read from its IDL.
type Errors struct {
	program string
	byCode  map[uint32]IDLError
}

// tables holds every table MustErrors has read, by its IDL's program address, so that a custom
// code raised by one of our programs inside another's CPI is named by the program that raised it
// (every Anchor-style program numbers its errors from 6000: the code alone is ambiguous).
var tables sync.Map // solana.PublicKey -> *Errors

// MustErrors reads the error table of program's IDL. It panics when the IDL does not parse: pass
// the IDL a generated package embeds (gen.IDL), which is a build-time fact.
func MustErrors(program string, idl []byte) *Errors {
	var doc struct {
		Address string     `json:"address"`
		Errors  []IDLError `json:"errors"`
	}
	if err := json.Unmarshal(idl, &doc); err != nil {
		panic(fmt.Sprintf("%s: embedded IDL does not parse: %v", program, err))
	}
	byCode := make(map[uint32]IDLError, len(doc.Errors))
	for _, e := range doc.Errors {
		byCode[e.Code] = e
	}
	t := &Errors{program: program, byCode: byCode}
	if addr, err := solana.PublicKeyFromBase58(doc.Address); err == nil {
		tables.Store(addr, t)
	}
	return t
}

// All is the table sorted by code.
func (t *Errors) All() []IDLError {
	out := make([]IDLError, 0, len(t.byCode))
	for _, e := range t.byCode {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b IDLError) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

// Decode turns a transaction failure whose failing top-level instruction belongs to programID
// into a *ProgramError; other errors are returned unchanged. A custom error raised inside a CPI
// is named by the program that raised it when its table is known (Program is then that program,
// say "staking"), else kept as "Custom(N)" with the raising program's address in the message;
// codes outside the IDL (SPL Token's) keep their number as the name "Custom(N)".
func (t *Errors) Decode(err error, programID solana.PublicKey) error {
	var txErr *solanax.TxError
	if !errors.As(err, &txErr) || txErr.Instruction < 0 || txErr.Program == nil || !txErr.Program.Equals(programID) {
		return err
	}
	if callee, ok := failedCallee(txErr.Logs, programID); ok && txErr.IsCustom {
		if v, known := tables.Load(callee); known {
			if e, ok := v.(*Errors).byCode[txErr.Custom]; ok {
				return &ProgramError{Program: v.(*Errors).program, Code: e.Code, Name: e.Name, Tx: txErr,
					Message: fmt.Sprintf("%s (in the %s program, called by %s)", e.Msg, v.(*Errors).program, t.program)}
			}
		}
		return &ProgramError{
			Program: t.program, Code: txErr.Custom, Name: fmt.Sprintf("Custom(%d)", txErr.Custom), Tx: txErr,
			Message: fmt.Sprintf("raised by program %s, which %s called (SPL Token: 1 is insufficient funds)", callee, t.program),
		}
	}
	if txErr.IsCustom {
		e, ok := t.byCode[txErr.Custom]
		if !ok {
			return &ProgramError{
				Program: t.program, Code: txErr.Custom, Name: fmt.Sprintf("Custom(%d)", txErr.Custom), Tx: txErr,
				Message: fmt.Sprintf("not in the %s IDL: raised by a program it called (SPL Token: 1 is insufficient funds)", t.program),
			}
		}
		return &ProgramError{Program: t.program, Code: e.Code, Name: e.Name, Message: e.Msg, Tx: txErr}
	}
	if name := builtinName(txErr.Err); name != "" {
		return &ProgramError{Program: t.program, Name: name, Tx: txErr}
	}
	return err
}

// Name is the name of this program's error carried by err ("" when err carries none).
func (t *Errors) Name(err error) string {
	var pe *ProgramError
	if errors.As(err, &pe) && pe.Program == t.program {
		return pe.Name
	}
	return ""
}

// failedCallee is the program that failed first in logs (the innermost) when it is not programID.
func failedCallee(logs []string, programID solana.PublicKey) (solana.PublicKey, bool) {
	for _, line := range logs {
		rest, ok := strings.CutPrefix(line, "Program ")
		if !ok {
			continue
		}
		if id, _, failed := strings.Cut(rest, " failed: "); failed {
			callee, err := solana.PublicKeyFromBase58(id)
			if err != nil || callee.Equals(programID) {
				return solana.PublicKey{}, false
			}
			return callee, true
		}
	}
	return solana.PublicKey{}, false
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
