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
	// Audits (#16): the share of attested jobs drawn, the share of an audited job's fee paid to
	// the checkers who matched the outcome, the verdict deadline and the checker penalties.
	DefaultAuditRateBps           = 1_000 // 10%
	DefaultAuditFeeBps            = 5_000 // 50% of the fee
	DefaultVerdictTime            = time.Hour
	DefaultCheckerMissPenalty     = 20 * staking.IO
	DefaultCheckerMinorityPenalty = 50 * staking.IO
)

// MaxVerdictSeconds is the longest verdict deadline the program accepts (7 days).
const MaxVerdictSeconds = 7 * 24 * 3600

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
		AuditRateBps: DefaultAuditRateBps, AuditFeeBps: DefaultAuditFeeBps,
		VerdictSeconds:     int64(DefaultVerdictTime / time.Second),
		CheckerMissPenalty: DefaultCheckerMissPenalty, CheckerMinorityPenalty: DefaultCheckerMinorityPenalty,
	}
}

// ParamsOf are the parameters cfg holds (what update_params would set to leave them unchanged).
func ParamsOf(cfg *gen.JobsConfig) gen.Params {
	return gen.Params{
		Authority: cfg.Authority, Arbiter: cfg.Arbiter,
		ReservationFeeBps: cfg.ReservationFeeBps, UsdcFeeBps: cfg.UsdcFeeBps,
		ChallengeWindowSeconds: cfg.ChallengeWindowSeconds, ExpiryGraceSeconds: cfg.ExpiryGraceSeconds,
		ExpiryPenalty: cfg.ExpiryPenalty, FraudPenalty: cfg.FraudPenalty,
		MinBondBps: cfg.MinBondBps, MinCheckerStake: cfg.MinCheckerStake,
		AuditRateBps: cfg.AuditRateBps, AuditFeeBps: cfg.AuditFeeBps, VerdictSeconds: cfg.VerdictSeconds,
		CheckerMissPenalty: cfg.CheckerMissPenalty, CheckerMinorityPenalty: cfg.CheckerMinorityPenalty,
	}
}
