package anchor

import (
	"strconv"
	"strings"

	"github.com/gagliardetto/solana-go"
)

// ComputeUnits reads "Program <id> consumed N of M compute units" of programID's first top-level
// invocation in a transaction's logs: what that instruction used, the programs it called
// included, the transaction's other instructions not. ok is false when the logs hold no such line.
func ComputeUnits(logs []string, programID solana.PublicKey) (units uint64, ok bool) {
	depth := 0
	for _, line := range logs {
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != "Program" {
			continue
		}
		switch {
		case f[2] == "invoke":
			depth++
		case f[2] == "success" || f[2] == "failed:":
			depth--
		case f[2] == "consumed" && len(f) >= 4 && depth == 1 && f[1] == programID.String():
			if n, err := strconv.ParseUint(f[3], 10, 64); err == nil {
				return n, true
			}
		}
	}
	return 0, false
}
