package staking

import (
	"math/bits"

	"github.com/ionet-oss/ionet/client/staking/gen"
)

// rewardScale is the denominator of the reward index's fraction (programs/staking/src/rewards.rs).
const rewardScale = 1_000_000_000_000_000_000

// Claimable is what a claim would pay now: the position's settled rewards plus what it earned
// since its snapshots (donations on all its active stake, epoch rewards on the part that is not
// warming up), rounded down exactly as the program does.
func Claimable(cfg *gen.Config, p *gen.StakePosition) uint64 {
	return p.Unclaimed +
		earned(cfg.RewardIndexWhole, cfg.RewardIndexFrac, p.RewardIndexWhole, p.RewardIndexFrac, p.Active) +
		earned(cfg.EpochIndexWhole, cfg.EpochIndexFrac, p.EpochIndexWhole, p.EpochIndexFrac, p.Active-p.Warming)
}

// CanActivate reports whether p's warming stake may start earning epoch rewards now: every epoch
// that started before it was staked has been funded.
func CanActivate(cfg *gen.Config, p *gen.StakePosition) bool {
	return p.Warming > 0 && p.WarmingTs <= cfg.FundedThroughTs
}

// earned is stake * (index - since), each index whole + frac/scale, rounded down.
func earned(whole, frac, sinceWhole, sinceFrac, stake uint64) uint64 {
	whole -= sinceWhole
	if frac < sinceFrac {
		whole--
		frac += rewardScale
	}
	frac -= sinceFrac
	hi, lo := bits.Mul64(stake, frac)
	fracPart, _ := bits.Div64(hi, lo, rewardScale) // frac < scale: the quotient fits
	return stake*whole + fracPart
}
