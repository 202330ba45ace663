package governance

import (
	"time"

	"github.com/ionet-oss/ionet/client/governance/gen"
)

// Protocol defaults (docs/protocol.md, Governance).
const (
	DefaultVotingPeriod = 3 * 24 * time.Hour
	DefaultQuorumBps    = 400 // 4% of the total active stake
	DefaultTimelock     = 24 * time.Hour
	// DefaultMinStakeToPropose is 10,000 IO in base units.
	DefaultMinStakeToPropose = 10_000 * 100_000_000
)

// DefaultParams are the protocol defaults.
func DefaultParams() gen.GovernanceParams {
	return gen.GovernanceParams{
		VotingPeriodSeconds: int64(DefaultVotingPeriod / time.Second),
		QuorumBps:           DefaultQuorumBps,
		TimelockSeconds:     int64(DefaultTimelock / time.Second),
		MinStakeToPropose:   DefaultMinStakeToPropose,
	}
}
