//! Reward-per-token accounting with u64 words only (SBPF has no 128-bit arithmetic).
//!
//! The index is the reward paid per base unit of active stake since initialisation, a fixed-point
//! number `whole + frac / SCALE`. A decimal scale keeps "human" ratios exact (40 IO over 400 IO
//! staked is exactly 0.1 per unit). Each distribution rounds the index down and each settlement
//! rounds a position's share down, so the sum of all shares never exceeds what was distributed;
//! a position loses less than one base unit per settlement.

use ionet_sdk::math;

/// Denominator of [`RewardIndex::frac`].
pub const SCALE: u64 = 1_000_000_000_000_000_000;

/// Cumulative reward per base unit of stake.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RewardIndex {
    pub whole: u64,
    /// Fractional part, in `1 / SCALE` units; always below `SCALE`.
    pub frac: u64,
}

impl RewardIndex {
    /// The index after distributing `amount` over `total_stake` (non-zero) base units.
    pub fn distribute(self, amount: u64, total_stake: u64) -> Option<Self> {
        if total_stake == 0 {
            return None;
        }
        let whole = amount / total_stake;
        // remainder < total_stake, so remainder * SCALE / total_stake < SCALE.
        let frac = math::mul_div(amount % total_stake, SCALE, total_stake)?;
        self.add(Self { whole, frac })
    }

    /// The reward earned by `stake` base units while the index moved from `since` to `self`,
    /// rounded down.
    pub fn earned(self, since: Self, stake: u64) -> Option<u64> {
        let delta = self.sub(since)?;
        let whole = math::checked_mul(stake, delta.whole)?;
        let frac = math::mul_div(stake, delta.frac, SCALE)?;
        whole.checked_add(frac)
    }

    fn add(self, other: Self) -> Option<Self> {
        let mut whole = self.whole.checked_add(other.whole)?;
        // Both fractions are below SCALE < 2^63, so the sum cannot overflow.
        let mut frac = self.frac + other.frac;
        if frac >= SCALE {
            frac -= SCALE;
            whole = whole.checked_add(1)?;
        }
        Some(Self { whole, frac })
    }

    fn sub(self, other: Self) -> Option<Self> {
        let mut whole = self.whole.checked_sub(other.whole)?;
        let frac = if self.frac >= other.frac {
            self.frac - other.frac
        } else {
            whole = whole.checked_sub(1)?;
            self.frac + SCALE - other.frac
        };
        Some(Self { whole, frac })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact_earned(funds: &[(u64, u64)], stake: u64) -> u128 {
        // Reference: per-distribution rounded-down index, then one rounded-down settlement,
        // computed with u128.
        let scale = SCALE as u128;
        let index: u128 = funds
            .iter()
            .map(|&(amount, total)| amount as u128 * scale / total as u128)
            .sum();
        stake as u128 * index / scale
    }

    #[test]
    fn human_ratios_are_exact() {
        let cases = [
            (
                "40 IO over 400 IO, 100 staked",
                &[(40u64, 400u64)][..],
                100u64,
                10u64,
            ),
            ("40 IO over 400 IO, 300 staked", &[(40, 400)], 300, 30),
            ("two fundings", &[(40, 400), (50, 500)], 100, 20),
            ("a third of 10 units", &[(10, 3)], 1, 3),
            ("whole plus fraction", &[(7, 2)], 2, 7),
        ];
        for (name, funds, stake, want) in cases {
            let mut index = RewardIndex::default();
            for &(amount, total) in funds {
                index = index.distribute(amount, total).unwrap();
            }
            assert_eq!(
                index.earned(RewardIndex::default(), stake),
                Some(want),
                "{name}"
            );
        }
    }

    #[test]
    fn never_pays_more_than_distributed() {
        // xorshift: stakes and fundings of every magnitude; the shares of all stakers summed must
        // not exceed the funded amount and must lose less than one unit per staker.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..20_000 {
            let stakers = 1 + next() % 5;
            let stakes: Vec<u64> = (0..stakers)
                .map(|_| 1 + next() % (1u64 << (next() % 57)))
                .collect();
            let total: u64 = stakes.iter().sum();
            let mut index = RewardIndex::default();
            let mut funds = Vec::new();
            let mut funded = 0u128;
            for _ in 0..1 + next() % 4 {
                let amount = next() % (1u64 << (next() % 55));
                index = index.distribute(amount, total).unwrap();
                funds.push((amount, total));
                funded += amount as u128;
            }
            let paid: u128 = stakes
                .iter()
                .map(|&s| index.earned(RewardIndex::default(), s).unwrap() as u128)
                .sum();
            for &s in &stakes {
                assert_eq!(
                    index.earned(RewardIndex::default(), s).unwrap() as u128,
                    exact_earned(&funds, s)
                );
            }
            assert!(paid <= funded, "paid {paid} > funded {funded}");
            assert!(
                funded - paid <= (stakers as u128) + funds.len() as u128,
                "lost {} units",
                funded - paid
            );
        }
    }

    #[test]
    fn rejects_impossible_inputs() {
        let index = RewardIndex { whole: 5, frac: 0 };
        assert_eq!(index.distribute(1, 0), None, "zero total stake");
        assert_eq!(
            RewardIndex::default().earned(index, 1),
            None,
            "index moved backwards"
        );
        assert_eq!(
            RewardIndex {
                whole: u64::MAX,
                frac: 0
            }
            .earned(RewardIndex::default(), 2),
            None,
            "overflow"
        );
    }
}
