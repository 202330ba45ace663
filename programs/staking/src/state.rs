//! The staking program's accounts. Their byte layouts, seeds and the device eligibility rule are
//! `staking-state`'s, shared with the programs that read staking accounts (jobs, emission,
//! governance); here each layout is wrapped so that this program reports a wrong account type
//! with its own error and keeps its reward bookkeeping on the accounts.

use core::ops::{Deref, DerefMut};

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError};
pub use staking_state::{
    Cooldown, GpuClass, KeySeed, BPS, CONFIG_SEED, DEVICE_TAG, MAX_GPU_CLASSES, MAX_VOTE_SECONDS,
    POSITION_TAG, REWARD_VAULT_SEED, STAKE_VAULT_SEED,
};
pub use staking_state::{
    ShareCooldown, COSTAKE_PARAMS_SEED, COSTAKE_TAG, COSTAKE_VAULT_SEED, OFFER_TAG,
    OUTCOME_COMPLETED, OUTCOME_EXPIRED, OUTCOME_FAILED, OUTCOME_FRAUD,
};

use crate::error::StakingError;
use crate::rewards::RewardIndex;

/// Most GPUs one device may declare.
pub const MAX_GPUS_PER_DEVICE: u64 = 1024;

/// Declares `$name`, this program's view of `staking_state::$name`: the same bytes (so fields and
/// methods read through `Deref`), loaded with staking's own wrong-type error.
macro_rules! staking_account {
    ($($name:ident),*) => {$(
        #[doc = concat!("`staking_state::", stringify!($name), "`, as this program loads it.")]
        #[repr(transparent)]
        pub struct $name(staking_state::$name);

        impl Deref for $name {
            type Target = staking_state::$name;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl DerefMut for $name {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }

        // SAFETY: repr(transparent) over a type that meets the `Layout` contract (see its impl).
        unsafe impl Layout for $name {
            const DISCRIMINATOR: [u8; 8] = <staking_state::$name as Layout>::DISCRIMINATOR;
            fn wrong_type(account: &AccountInfo) -> ProgramError {
                wrong_account_type(account)
            }
        }
    )*};
}

staking_account!(
    Config,
    StakePosition,
    Device,
    DeviceOffer,
    CostakePosition,
    CostakeParams
);

/// Staking reports data of the wrong type with its own error (IDL code 6008), not the SDK's
/// `InvalidAccountData`.
#[cold]
fn wrong_account_type(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(StakingError::WrongAccountType)
}

impl Config {
    /// Donation index (`fund_rewards` without epochs): per base unit of all active stake.
    pub fn reward_index(&self) -> RewardIndex {
        RewardIndex {
            whole: self.reward_index_whole,
            frac: self.reward_index_frac,
        }
    }

    pub fn set_reward_index(&mut self, index: RewardIndex) {
        self.reward_index_whole = index.whole;
        self.reward_index_frac = index.frac;
    }

    /// Epoch index (emission rewards): per base unit of earning stake.
    pub fn epoch_index(&self) -> RewardIndex {
        RewardIndex {
            whole: self.epoch_index_whole,
            frac: self.epoch_index_frac,
        }
    }

    pub fn set_epoch_index(&mut self, index: RewardIndex) {
        self.epoch_index_whole = index.whole;
        self.epoch_index_frac = index.frac;
    }
}

impl StakePosition {
    /// Moves what the position earned since it last settled into `unclaimed` (donations on all
    /// its active stake, epoch rewards on the part that is not warming up) and brings its
    /// snapshots up to the config's indexes; then, when every epoch that started before its
    /// warming stake was added has been funded, that stake starts earning (leaves `warming`
    /// here and in `config.total_warming`). Call before changing `active`.
    pub fn settle(&mut self, config: &mut Config) -> Option<()> {
        let (donations, epochs) = (config.reward_index(), config.epoch_index());
        let earning = self.active.checked_sub(self.warming)?;
        let earned = donations
            .earned(
                RewardIndex {
                    whole: self.reward_index_whole,
                    frac: self.reward_index_frac,
                },
                self.active,
            )?
            .checked_add(epochs.earned(
                RewardIndex {
                    whole: self.epoch_index_whole,
                    frac: self.epoch_index_frac,
                },
                earning,
            )?)?;
        self.unclaimed = self.unclaimed.checked_add(earned)?;
        self.reward_index_whole = donations.whole;
        self.reward_index_frac = donations.frac;
        self.epoch_index_whole = epochs.whole;
        self.epoch_index_frac = epochs.frac;
        if self.warming != 0 && self.warming_ts <= config.funded_through_ts {
            config.total_warming = config.total_warming.checked_sub(self.warming)?;
            self.warming = 0;
        }
        Some(())
    }

    /// Adds `amount` staked at `now`: active at once (votes on later proposals, counts for the
    /// quorum), warming up for epoch rewards. Call after [`StakePosition::settle`]: warming
    /// stake that could start earning has then started, and what still warms waits with the new
    /// stake until the epochs funded reach `now`.
    pub fn add_stake(&mut self, config: &mut Config, amount: u64, now: i64) -> Option<()> {
        self.record_growth(now);
        self.active = self.active.checked_add(amount)?;
        self.warming = self.warming.checked_add(amount)?;
        self.warming_ts = now;
        config.total_stake = config.total_stake.checked_add(amount)?;
        config.total_warming = config.total_warming.checked_add(amount)?;
        Some(())
    }

    /// Removes `amount` (at most `active`) from the active stake, warming stake first. Call
    /// after [`StakePosition::settle`].
    pub fn remove_stake(&mut self, config: &mut Config, amount: u64) -> Option<()> {
        let from_warming = amount.min(self.warming);
        self.active = self.active.checked_sub(amount)?;
        self.warming -= from_warming;
        config.total_stake = config.total_stake.checked_sub(amount)?;
        config.total_warming = config.total_warming.checked_sub(from_warming)?;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zeroed<T>() -> T {
        // SAFETY: every bit pattern is a valid Config / StakePosition (Layout contract).
        unsafe { core::mem::zeroed() }
    }

    /// Random stakes, unstakes, activations, donations and epoch fundings over time. After every
    /// step: the totals match the positions, nothing is paid beyond what was funded, and at each
    /// epoch funding no position earns on more than its stake that was staked by the time the
    /// previous funding's epochs ended (stake added after an epoch ended earns nothing of it).
    #[test]
    fn warmup_property() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..300 {
            let mut cfg: Config = zeroed();
            let mut positions: Vec<StakePosition> = (0..3).map(|_| zeroed()).collect();
            // Reference: each position's lots (amount, staked at), oldest first.
            let mut lots: Vec<Vec<(u64, i64)>> = vec![Vec::new(); 3];
            let (mut now, mut funded) = (1_000i64, 0u128);
            for _ in 0..60 {
                now += (next() % 5_000) as i64;
                let i = (next() % 3) as usize;
                match next() % 6 {
                    0 | 1 => {
                        let amount = 1 + next() % 1_000_000;
                        positions[i].settle(&mut cfg).unwrap();
                        positions[i].add_stake(&mut cfg, amount, now).unwrap();
                        lots[i].push((amount, now));
                    }
                    2 => {
                        let amount = next() % (positions[i].active + 1);
                        if amount > 0 {
                            positions[i].settle(&mut cfg).unwrap();
                            positions[i].remove_stake(&mut cfg, amount).unwrap();
                            // Unstaking takes the newest stake first (warming first).
                            let mut rest = amount;
                            while rest > 0 {
                                let last = lots[i].last_mut().unwrap();
                                let take = rest.min(last.0);
                                last.0 -= take;
                                rest -= take;
                                if last.0 == 0 {
                                    lots[i].pop();
                                }
                            }
                        }
                    }
                    3 => positions[i].settle(&mut cfg).unwrap(), // activate / claim
                    4 => {
                        let amount = next() % 10_000_000;
                        if amount > 0 && cfg.total_stake > 0 {
                            let index = cfg
                                .reward_index()
                                .distribute(amount, cfg.total_stake)
                                .unwrap();
                            cfg.set_reward_index(index);
                            funded += amount as u128;
                        }
                    }
                    _ => {
                        let amount = next() % 10_000_000;
                        let earning = cfg.earning_stake().unwrap();
                        let previous_end = cfg.funded_through_ts;
                        for (p, l) in positions.iter().zip(&lots) {
                            let eligible: u64 = l
                                .iter()
                                .filter(|(_, at)| *at <= previous_end)
                                .map(|(a, _)| a)
                                .sum();
                            assert!(
                                p.active - p.warming <= eligible,
                                "earning stake staked after the epochs began"
                            );
                        }
                        if amount > 0 && earning > 0 {
                            let index = cfg.epoch_index().distribute(amount, earning).unwrap();
                            cfg.set_epoch_index(index);
                            funded += amount as u128;
                        }
                        cfg.funded_through_ts = now;
                    }
                }
                let active: u64 = positions.iter().map(|p| p.active).sum();
                let warming: u64 = positions.iter().map(|p| p.warming).sum();
                assert_eq!((cfg.total_stake, cfg.total_warming), (active, warming));
                let owed: u128 = positions
                    .iter_mut()
                    .map(|p| {
                        p.settle(&mut cfg).unwrap();
                        p.unclaimed as u128
                    })
                    .sum();
                assert!(owed <= funded, "owed {owed} > funded {funded}");
            }
        }
    }
}
