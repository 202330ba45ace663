package anchor

import "github.com/gagliardetto/solana-go"

// ComputeUnits reads "Program <id> consumed N of M compute units" of programID's first top-level
// invocation in a transaction's logs: what that instruction used, the programs it called
// included, the transaction's other instructions not. ok is false when the logs hold no such line.
func ComputeUnits(logs []string, programID solana.PublicKey) (units uint64, ok bool) {
	for _, inv := range Invocations(logs) {
		if inv.Program == programID && inv.Consumed > 0 {
			return inv.Consumed, true
		}
	}
	return 0, false
}
