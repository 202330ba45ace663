//! The staking program's accounts. Their byte layouts, seeds and the device eligibility rule are
//! `staking-state`'s, shared with the programs that read staking accounts (jobs, emission,
//! governance); here each layout is wrapped so that this program reports a wrong account type
//! with its own error and keeps its reward bookkeeping on the accounts.

use core::ops::{Deref, DerefMut};

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError};
pub use staking_state::{
    Cooldown, GpuClass, BPS, CONFIG_SEED, DEVICE_SEED, MAX_GPU_CLASSES, POSITION_SEED,
    REWARD_VAULT_SEED, STAKE_VAULT_SEED,
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

staking_account!(Config, StakePosition, Device);

/// Staking reports data of the wrong type with its own error (IDL code 6008), not the SDK's
/// `InvalidAccountData`.
#[cold]
fn wrong_account_type(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(StakingError::WrongAccountType)
}

impl Config {
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
}

impl StakePosition {
    pub fn reward_index(&self) -> RewardIndex {
        RewardIndex {
            whole: self.reward_index_whole,
            frac: self.reward_index_frac,
        }
    }

    /// Moves what the active stake earned since the last settlement into `unclaimed` and
    /// brings the snapshot up to `index`. Call before changing `active`.
    pub fn settle(&mut self, index: RewardIndex) -> Option<()> {
        let earned = index.earned(self.reward_index(), self.active)?;
        self.unclaimed = self.unclaimed.checked_add(earned)?;
        self.reward_index_whole = index.whole;
        self.reward_index_frac = index.frac;
        Some(())
    }
}
