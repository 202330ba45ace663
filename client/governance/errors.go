package governance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/solanax"
)

// programErrors decodes governance instruction failures into *anchor.ProgramError by the IDL's table.
var programErrors = anchor.MustErrors("governance", gen.IDL)

// ErrorName is the governance program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return programErrors.Name(err) }

// decodeError is programErrors.Decode, except that a custom code raised by a program governance
// called (staking's lock at a vote, an executed action's target) keeps its number rather than
// taking the governance error of the same code. (To move into anchor.Errors.Decode.)
func decodeError(err error, programID solana.PublicKey) error {
	var txErr *solanax.TxError
	if errors.As(err, &txErr) && txErr.IsCustom && txErr.Program != nil && txErr.Program.Equals(programID) {
		if callee := failedCallee(txErr.Logs, programID); callee != "" {
			return &anchor.ProgramError{
				Program: "governance", Code: txErr.Custom, Name: fmt.Sprintf("Custom(%d)", txErr.Custom), Tx: txErr,
				Message: "raised by program " + callee + ", which governance called",
			}
		}
	}
	return programErrors.Decode(err, programID)
}

// failedCallee is the first program to fail in logs (the innermost) when it is not programID.
func failedCallee(logs []string, programID solana.PublicKey) string {
	for _, line := range logs {
		rest, ok := strings.CutPrefix(line, "Program ")
		if !ok {
			continue
		}
		if id, _, failed := strings.Cut(rest, " failed: "); failed {
			if id == programID.String() {
				return ""
			}
			return id
		}
	}
	return ""
}
