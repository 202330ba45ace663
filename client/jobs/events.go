package jobs

import (
	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/anchor"
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
	// OutcomeChallengeLapsed: the arbiter did not resolve by the deadline; the job settled as
	// unchallenged and the bond went back to the challenger.
	OutcomeChallengeLapsed
	// OutcomeAudited: checkers confirmed the result (settle_audited); the job settled.
	OutcomeAudited
)

// Events decodes the jobs events (gen.JobCreated, gen.JobClosed, ...) logged while programID ran
// (at the top level or in a CPI), in order; other `Program data:` lines are skipped.
func Events(logs []string, programID solana.PublicKey) []any {
	return anchor.Events(logs, programID, gen.ParseAnyEvent)
}
