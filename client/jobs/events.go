package jobs

import (
	"encoding/base64"
	"strings"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// Outcome is how a job closed (gen.JobClosed.Outcome).
type Outcome uint8

const (
	OutcomeSettled Outcome = iota
	OutcomeCancelled
	OutcomeExpired
	OutcomeFraud
	OutcomeChallengeRejected
)

// Events decodes the jobs events (gen.JobCreated, gen.JobClosed, ...) a transaction's logs hold,
// in order: `Program data:` lines logged while programID was the running program.
func Events(logs []string, programID solana.PublicKey) []any {
	var out []any
	var stack []string // invoked programs, innermost last
	for _, line := range logs {
		switch {
		case strings.HasPrefix(line, "Program ") && strings.Contains(line, " invoke ["):
			stack = append(stack, strings.Fields(line)[1])
		case strings.HasPrefix(line, "Program ") && (strings.HasSuffix(line, " success") || strings.Contains(line, " failed")):
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case strings.HasPrefix(line, "Program data: ") && len(stack) > 0 && stack[len(stack)-1] == programID.String():
			data, err := base64.StdEncoding.DecodeString(strings.Fields(line)[2])
			if err != nil {
				continue
			}
			if ev, err := gen.ParseAnyEvent(data); err == nil {
				out = append(out, ev)
			}
		}
	}
	return out
}
