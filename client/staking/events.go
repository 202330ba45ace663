package staking

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Events decodes the staking events (gen.Staked, gen.Slashed, ...) logged while programID ran (at
// the top level or in a CPI), in order; other `Program data:` lines are skipped.
func Events(logs []string, programID solana.PublicKey) []any {
	return anchor.Events(logs, programID, gen.ParseAnyEvent)
}
