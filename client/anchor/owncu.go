package anchor

import (
	"strconv"
	"strings"

	"github.com/gagliardetto/solana-go"
)

// Invocation is one top-level instruction's compute units, read from a transaction's logs.
type Invocation struct {
	Program solana.PublicKey
	// Consumed is what the instruction used, the programs it called included.
	Consumed uint64
	// CPIs is how many programs it called directly; CPIConsumed what they used (their own
	// calls included), the System program's fixed charge among them (SystemProgramCU a call:
	// a builtin logs no consumption). The runtime's fixed cost of each call is the caller's,
	// not in CPIConsumed.
	CPIs        int
	CPIConsumed uint64
	// OK is false when the instruction failed or its logs were cut short.
	OK bool
}

// SystemProgramCU is what the System program, a builtin, charges for each instruction it runs
// (Agave's `DEFAULT_COMPUTE_UNITS` of the builtin, which LiteSVM shares); it logs no
// `consumed` line, so Invocations counts it from the call.
const SystemProgramCU = 150

// Own is what the instruction's program itself used: Consumed less its CPIs' consumption.
func (i Invocation) Own() uint64 {
	if i.CPIConsumed > i.Consumed {
		return 0
	}
	return i.Consumed - i.CPIConsumed
}

// Invocations reads every top-level instruction of a transaction from its logs, in order (one
// per instruction of the message, the compute budget's included).
func Invocations(logs []string) []Invocation {
	var out []Invocation
	depth := 0
	for _, line := range logs {
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != "Program" {
			continue
		}
		switch {
		case f[2] == "invoke":
			depth++
			switch depth {
			case 1:
				key, err := solana.PublicKeyFromBase58(f[1])
				if err != nil {
					return out // not a log this reader understands
				}
				out = append(out, Invocation{Program: key})
			case 2:
				if len(out) > 0 {
					out[len(out)-1].CPIs++
					if f[1] == solana.SystemProgramID.String() {
						out[len(out)-1].CPIConsumed += SystemProgramCU
					}
				}
			}
		case f[2] == "success" || f[2] == "failed:":
			if depth == 1 && len(out) > 0 {
				out[len(out)-1].OK = f[2] == "success"
			}
			depth--
		case f[2] == "consumed" && len(f) >= 4 && len(out) > 0:
			n, err := strconv.ParseUint(f[3], 10, 64)
			if err != nil {
				continue
			}
			switch depth {
			case 1:
				out[len(out)-1].Consumed = n
			case 2:
				out[len(out)-1].CPIConsumed += n
			}
		}
	}
	return out
}
