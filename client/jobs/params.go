package jobs

import (
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/staking"
)

// Protocol defaults for the parameters governance can change.
const (
	DefaultChallengeWindow = time.Hour
	DefaultExpiryGrace     = time.Hour
	DefaultExpiryPenalty   = 100 * staking.IO
	DefaultFraudPenalty    = 1_000 * staking.IO
	DefaultMinBondBps      = 500 // 5% of the job's escrow
	DefaultMinCheckerStake = 1_000 * staking.IO
)

// ResolutionWindowSeconds is how long the arbiter has to resolve a challenge (an on-chain
// constant of the jobs program): after it anyone applies the default outcome (LapseChallenge).
const ResolutionWindowSeconds = 7 * 24 * 3600

// WorstCasePenalty is what a claim reserves in the device's stake under params: the larger of
// the expiry and fraud penalties.
func WorstCasePenalty(cfg *gen.JobsConfig) uint64 { return max(cfg.ExpiryPenalty, cfg.FraudPenalty) }

// DefaultParams are the protocol defaults with authority and arbiter as given.
func DefaultParams(authority, arbiter solana.PublicKey) gen.Params {
	return gen.Params{
		Authority: authority, Arbiter: arbiter,
		ReservationFeeBps: DefaultReservationFeeBps, UsdcFeeBps: DefaultUSDCFeeBps,
		ChallengeWindowSeconds: int64(DefaultChallengeWindow / time.Second), ExpiryGraceSeconds: int64(DefaultExpiryGrace / time.Second),
		ExpiryPenalty: DefaultExpiryPenalty, FraudPenalty: DefaultFraudPenalty,
		MinBondBps: DefaultMinBondBps, MinCheckerStake: DefaultMinCheckerStake,
	}
}
