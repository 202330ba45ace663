//! Account layouts, byte for byte as `programs-idl/staking.json` describes them. All integers
//! are little-endian u64/i64 (or u8 at the end, before explicit reserved bytes), so `#[repr(C)]`
//! adds no padding. Other programs (jobs) read [`Device`] and [`Config`] through these types.

use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::error::StakingError;
use crate::rewards::RewardIndex;

/// Basis points in one whole.
pub const BPS: u64 = 10_000;
/// Size of the GPU class table.
pub const MAX_GPU_CLASSES: usize = 8;
/// Cooldown entries per stake position.
pub const POSITION_COOLDOWNS: usize = 8;
/// Cooldown entries per device.
pub const DEVICE_COOLDOWNS: usize = 4;
/// Most GPUs one device may declare.
pub const MAX_GPUS_PER_DEVICE: u64 = 1024;

/// PDA seeds.
pub const CONFIG_SEED: &[u8] = b"config";
pub const STAKE_VAULT_SEED: &[u8] = b"stake_vault";
pub const REWARD_VAULT_SEED: &[u8] = b"reward_vault";
pub const POSITION_SEED: &[u8] = b"position";
pub const DEVICE_SEED: &[u8] = b"device";

/// One GPU class: a NUL-padded name and its stake multiplier in basis points (10x = 100_000).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GpuClass {
    pub name: [u8; 16],
    pub multiplier_bps: u64,
}

/// Stake waiting out its cooldown; `amount == 0` marks a free slot.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cooldown {
    pub amount: u64,
    pub unlock_ts: i64,
}

/// The program's settings and totals. PDA `["config"]`.
#[repr(C)]
pub struct Config {
    pub discriminator: [u8; 8],
    pub authority: Pubkey,
    /// The program (PDA) allowed to slash besides the authority, e.g. the jobs program's PDA.
    pub slasher: Pubkey,
    pub io_mint: Pubkey,
    /// Token account (PDA `["stake_vault"]`, owned by the config PDA) holding all stake.
    pub stake_vault: Pubkey,
    /// Token account (PDA `["reward_vault"]`, owned by the config PDA) holding staker rewards.
    pub reward_vault: Pubkey,
    pub cooldown_seconds: i64,
    pub min_device_stake_per_gpu: u64,
    pub slash_burn_bps: u64,
    /// Active stake of all positions (device stake does not earn staker rewards).
    pub total_stake: u64,
    pub total_device_stake: u64,
    pub reward_index_whole: u64,
    pub reward_index_frac: u64,
    /// Funded while nothing was staked; distributed by the next funding.
    pub rewards_carried: u64,
    pub rewards_funded: u64,
    pub rewards_claimed: u64,
    pub slashed_burned: u64,
    pub slashed_paid: u64,
    pub gpu_classes: [GpuClass; MAX_GPU_CLASSES],
    pub gpu_class_count: u8,
    pub bump: u8,
    pub stake_vault_bump: u8,
    pub reward_vault_bump: u8,
    pub reserved: [u8; 4],
}

/// One owner's stake. PDA `["position", owner]`.
#[repr(C)]
pub struct StakePosition {
    pub discriminator: [u8; 8],
    pub owner: Pubkey,
    pub active: u64,
    pub reward_index_whole: u64,
    pub reward_index_frac: u64,
    /// Rewards settled but not yet claimed.
    pub unclaimed: u64,
    pub claimed: u64,
    pub cooldowns: [Cooldown; POSITION_COOLDOWNS],
    pub bump: u8,
    /// Vote lock: unix seconds, 56-bit little-endian (the 7 bytes that were reserved, so the
    /// layout other programs mirror keeps its size). Read through [`StakePosition::locked_until`].
    pub locked_until: [u8; 7],
}

/// A registered GPU device and its stake. PDA `["device", device_key]`.
#[repr(C)]
pub struct Device {
    pub discriminator: [u8; 8],
    pub owner: Pubkey,
    /// The device's own ed25519 key: it signs attestations.
    pub device_key: Pubkey,
    pub gpu_count: u64,
    /// Active device stake: what eligibility counts.
    pub stake: u64,
    pub registered_ts: i64,
    pub cooldowns: [Cooldown; DEVICE_COOLDOWNS],
    /// Index into `Config::gpu_classes`.
    pub gpu_class: u8,
    pub bump: u8,
    pub reserved: [u8; 6],
}

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields laid out without implicit padding (checked by the size assertions below), align 8.
unsafe impl Layout for Config {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Config");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}
// SAFETY: as above.
unsafe impl Layout for StakePosition {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("StakePosition");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}
// SAFETY: as above.
unsafe impl Layout for Device {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Device");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}

/// Staking reports data of the wrong type with its own error (IDL code 6008), not the SDK's
/// `InvalidAccountData`.
#[cold]
fn wrong_account_type(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(StakingError::WrongAccountType)
}

// Sizes from summing the fields: any implicit padding would break these.
const _: () = assert!(core::mem::size_of::<Config>() == 8 + 5 * 32 + 12 * 8 + MAX_GPU_CLASSES * 24 + 8);
const _: () = assert!(core::mem::size_of::<StakePosition>() == 8 + 32 + 5 * 8 + POSITION_COOLDOWNS * 16 + 8);
const _: () = assert!(core::mem::size_of::<Device>() == 8 + 2 * 32 + 3 * 8 + DEVICE_COOLDOWNS * 16 + 8);

impl Config {
    pub fn reward_index(&self) -> RewardIndex {
        RewardIndex { whole: self.reward_index_whole, frac: self.reward_index_frac }
    }

    pub fn set_reward_index(&mut self, index: RewardIndex) {
        self.reward_index_whole = index.whole;
        self.reward_index_frac = index.frac;
    }

    /// The multiplier of class `index`, or `None` outside the table.
    pub fn gpu_multiplier_bps(&self, index: u8) -> Option<u64> {
        (index < self.gpu_class_count).then(|| self.gpu_classes[index as usize].multiplier_bps)
    }

    /// The device stake `device` needs to take jobs; `None` when its class left the table.
    pub fn required_device_stake(&self, device: &Device) -> Option<u64> {
        let multiplier = self.gpu_multiplier_bps(device.gpu_class)?;
        required_device_stake(self.min_device_stake_per_gpu, multiplier, device.gpu_count)
    }

    /// Whether `device` may take jobs and earn supplier rewards.
    pub fn is_device_eligible(&self, device: &Device) -> bool {
        matches!(self.required_device_stake(device), Some(required) if device.stake >= required)
    }
}

/// `min_per_gpu * max(1, multiplier) * gpu_count`, the multiplier in basis points, rounded up.
pub fn required_device_stake(min_per_gpu: u64, multiplier_bps: u64, gpu_count: u64) -> Option<u64> {
    let per_gpu = math::mul_div_ceil(min_per_gpu, multiplier_bps.max(BPS), BPS)?;
    math::checked_mul(per_gpu, gpu_count)
}

/// Largest vote-lock time a position can record: 2^56 - 1 seconds.
pub const MAX_LOCKED_UNTIL: i64 = (1 << 56) - 1;

impl StakePosition {
    /// Until when (unix seconds) governance locks the position: no unstake or withdraw before.
    pub fn locked_until(&self) -> i64 {
        let mut word = [0u8; 8];
        word[..7].copy_from_slice(&self.locked_until);
        i64::from_le_bytes(word)
    }

    /// Extends the lock to `until` (never shortens it). `None` when `until` is outside
    /// `0..=MAX_LOCKED_UNTIL`.
    pub fn extend_lock(&mut self, until: i64) -> Option<()> {
        if !(0..=MAX_LOCKED_UNTIL).contains(&until) {
            return None;
        }
        if until > self.locked_until() {
            self.locked_until.copy_from_slice(&until.to_le_bytes()[..7]);
        }
        Some(())
    }

    /// Whether the vote lock still holds at `now`.
    pub fn is_locked(&self, now: i64) -> bool {
        now < self.locked_until()
    }

    pub fn reward_index(&self) -> RewardIndex {
        RewardIndex { whole: self.reward_index_whole, frac: self.reward_index_frac }
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

#[cfg(test)]
mod tests {
    use super::*;

    const IO: u64 = 100_000_000;

    #[test]
    fn device_requirement() {
        let cases = [
            ("H100 x8 (10x)", 100_000, 8, 16_000 * IO),
            ("RTX 4070 (0.25x counts as 1x)", 2_500, 1, 200 * IO),
            ("A100 x2 (5x)", 50_000, 2, 2_000 * IO),
            ("1.5x rounds up", 15_000, 1, 300 * IO),
        ];
        for (name, multiplier, gpus, want) in cases {
            assert_eq!(required_device_stake(200 * IO, multiplier, gpus), Some(want), "{name}");
        }
        assert_eq!(required_device_stake(u64::MAX, 100_000, 2), None, "overflow");
    }

    #[test]
    fn vote_lock_only_extends() {
        // SAFETY: every bit pattern is a valid StakePosition (Layout contract); zero is one.
        let mut position: StakePosition = unsafe { core::mem::zeroed() };
        assert!(!position.is_locked(0));
        let cases = [
            ("first lock", 1_000, Some(()), 1_000),
            ("shorter lock keeps the longer", 500, Some(()), 1_000),
            ("longer lock extends", 2_000, Some(()), 2_000),
            ("largest representable", MAX_LOCKED_UNTIL, Some(()), MAX_LOCKED_UNTIL),
            ("beyond 56 bits", MAX_LOCKED_UNTIL + 1, None, MAX_LOCKED_UNTIL),
            ("negative", -1, None, MAX_LOCKED_UNTIL),
        ];
        for (name, until, ok, want) in cases {
            assert_eq!(position.extend_lock(until), ok, "{name}");
            assert_eq!(position.locked_until(), want, "{name}");
        }
        assert!(position.is_locked(MAX_LOCKED_UNTIL - 1));
        assert!(!position.is_locked(MAX_LOCKED_UNTIL));
    }
}
