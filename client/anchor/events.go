package anchor

import (
	"encoding/base64"
	"strings"

	"github.com/gagliardetto/solana-go"
)

// EventData is the payload of every `Program data:` line logged while programID was the running
// program (at the top level or in a CPI), in order. Lines that are not base64 are skipped.
func EventData(logs []string, programID solana.PublicKey) [][]byte {
	var out [][]byte
	var stack []string // invoked programs, innermost last
	for _, line := range logs {
		fields := strings.Fields(line)
		// "Program <id> invoke [n]", "Program <id> success", "Program <id> failed: ...";
		// "Program log: ..." and "Program data: ..." are the running program's output.
		if len(fields) < 3 || fields[0] != "Program" {
			continue
		}
		switch {
		case fields[1] == "data:":
			if len(stack) == 0 || stack[len(stack)-1] != programID.String() {
				continue
			}
			if data, err := base64.StdEncoding.DecodeString(fields[2]); err == nil {
				out = append(out, data)
			}
		case strings.HasSuffix(fields[1], ":"):
			// log:, return: and the like.
		case fields[2] == "invoke":
			stack = append(stack, fields[1])
		case fields[2] == "success" || fields[2] == "failed:":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	return out
}

// Events decodes the EventData of programID with parse (a generated package's ParseAnyEvent),
// in order; payloads that parse rejects (not this program's events) are skipped.
func Events(logs []string, programID solana.PublicKey, parse func([]byte) (any, error)) []any {
	var out []any
	for _, data := range EventData(logs, programID) {
		if ev, err := parse(data); err == nil {
			out = append(out, ev)
		}
	}
	return out
}
