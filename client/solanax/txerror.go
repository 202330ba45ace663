package solanax

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/gagliardetto/solana-go"
)

// ErrExpired means the transaction's blockhash passed its last valid block height before the
// transaction was seen on the cluster. It was not executed: rebuild it with a fresh blockhash.
var ErrExpired = errors.New("transaction expired: its blockhash is no longer valid and it was not executed; rebuild and send it again")

// TxError is a transaction the cluster refused in preflight simulation or that failed on-chain.
// Program clients map Custom codes to their own error names (see CustomCode).
type TxError struct {
	Signature solana.Signature
	// Preflight is true when simulation rejected the transaction before it was sent: nothing
	// landed and no fee was charged.
	Preflight bool
	// Slot the failed transaction landed in (0 for preflight failures).
	Slot uint64
	// Err is the TransactionError exactly as the RPC reported it, such as
	// "BlockhashNotFound" or {"InstructionError":[1,{"Custom":6001}]}.
	Err json.RawMessage
	// Logs of the run, when the node returned them.
	Logs []string
	// Instruction is the index of the failing instruction in the transaction as sent (compute
	// budget instructions added by this package come first), or -1 when the error is not an
	// instruction error.
	Instruction int
	// Program is the program of the failing top-level instruction (nil when unknown). A custom
	// error raised inside a CPI is reported against the top-level instruction.
	Program *solana.PublicKey
	// Custom is the program's own error code when IsCustom is set.
	Custom   uint32
	IsCustom bool

	reason string // the instruction error or transaction error, readable
}

func (e *TxError) Error() string {
	msg := fmt.Sprintf("%s: %s", e.Where(), e.reason)
	if line := ErrorLogLine(e.Logs); line != "" {
		msg += fmt.Sprintf(" (%s)", line)
	}
	if hint := txErrorHints[string(bytes.Trim(e.Err, `"`))]; hint != "" {
		msg += " (" + hint + ")"
	}
	return msg
}

// Where says where the transaction failed and what that cost, without the reason: for errors
// that already name it (a program error decoded from the same failure).
func (e *TxError) Where() string {
	if e.Preflight {
		return fmt.Sprintf("transaction %s failed in preflight simulation (not sent, no fee charged)", e.Signature)
	}
	return fmt.Sprintf("transaction %s failed on-chain in slot %d", e.Signature, e.Slot)
}

// Is lets errors.Is(err, ErrExpired) match a transaction refused for an unknown blockhash.
func (e *TxError) Is(target error) bool {
	return target == ErrExpired && string(e.Err) == `"BlockhashNotFound"`
}

// CustomCode returns the custom program error code carried by err when the failing instruction
// belongs to program.
func CustomCode(err error, program solana.PublicKey) (uint32, bool) {
	var txErr *TxError
	if !errors.As(err, &txErr) || !txErr.IsCustom || txErr.Program == nil || !txErr.Program.Equals(program) {
		return 0, false
	}
	return txErr.Custom, true
}

// ErrorLogLine is the last "Program log:" line that reports an error, without its prefix (for
// example "Error: insufficient funds"), or "".
func ErrorLogLine(logs []string) string {
	for i := len(logs) - 1; i >= 0; i-- {
		if line, ok := strings.CutPrefix(logs[i], "Program log: "); ok && strings.Contains(line, "rror") {
			return line
		}
	}
	return ""
}

var txErrorHints = map[string]string{
	"AccountNotFound":         "the fee payer has no SOL account on this cluster; fund it first",
	"InsufficientFundsForFee": "the fee payer cannot pay the fee; add SOL to it",
	"BlockhashNotFound":       "the blockhash is unknown or expired; rebuild the transaction",
}

// newTxError decodes a TransactionError as the RPC reports it and resolves the failing
// instruction's program from tx.
func newTxError(sig solana.Signature, tx *solana.Transaction, raw json.RawMessage) *TxError {
	e := &TxError{Signature: sig, Err: compactJSON(raw), Instruction: -1}
	e.reason = string(e.Err)

	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		var name string
		if json.Unmarshal(raw, &name) == nil {
			e.reason = name
		}
		return e
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(obj["InstructionError"], &pair); err != nil || len(pair) != 2 {
		return e
	}
	if err := json.Unmarshal(pair[0], &e.Instruction); err != nil {
		e.Instruction = -1
		return e
	}
	e.Program = instructionProgram(tx, e.Instruction)
	e.reason = fmt.Sprintf("instruction %d%s: %s", e.Instruction, programLabel(e.Program), instructionErrorText(pair[1], e))
	return e
}

// instructionErrorText renders the InstructionError detail and records a custom code.
func instructionErrorText(detail json.RawMessage, e *TxError) string {
	var name string
	if json.Unmarshal(detail, &name) == nil {
		return name
	}
	var custom struct {
		Custom *uint32 `json:"Custom"`
	}
	if json.Unmarshal(detail, &custom) == nil && custom.Custom != nil {
		e.Custom, e.IsCustom = *custom.Custom, true
		return fmt.Sprintf("custom program error %d (0x%x)", e.Custom, e.Custom)
	}
	return string(compactJSON(detail))
}

func instructionProgram(tx *solana.Transaction, index int) *solana.PublicKey {
	if tx == nil || index < 0 || index >= len(tx.Message.Instructions) {
		return nil
	}
	id, err := tx.ResolveProgramIDIndex(tx.Message.Instructions[index].ProgramIDIndex)
	if err != nil {
		return nil
	}
	return &id
}

func programLabel(p *solana.PublicKey) string {
	if p == nil {
		return ""
	}
	return " (program " + p.String() + ")"
}

func compactJSON(raw json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return json.RawMessage(strings.TrimSpace(string(raw)))
	}
	return buf.Bytes()
}
