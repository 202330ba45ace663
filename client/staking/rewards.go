package staking

import (
	"math/bits"

	"github.com/ionet-oss/ionet/client/staking/gen"
)

// rewardScale is the denominator of the reward index's fraction (programs/staking/src/rewards.rs).
const rewardScale = 1_000_000_000_000_000_000

// Claimable is what a claim would pay now: the position's settled rewards plus what its active
// stake earned since its snapshot, rounded down exactly as the program does.
func Claimable(cfg *gen.Config, p *gen.StakePosition) uint64 {
	whole := cfg.RewardIndexWhole - p.RewardIndexWhole
	frac := cfg.RewardIndexFrac
	if frac < p.RewardIndexFrac {
		whole--
		frac += rewardScale
	}
	frac -= p.RewardIndexFrac
	hi, lo := bits.Mul64(p.Active, frac)
	fracPart, _ := bits.Div64(hi, lo, rewardScale) // frac < scale: the quotient fits
	return p.Unclaimed + p.Active*whole + fracPart
}
