//! Account layouts, byte for byte as `programs-idl/staking.json` describes them. All integers
//! are little-endian u64/i64 (or u8 at the end, before explicit reserved bytes), so `#[repr(C)]`
//! adds no padding.

use ionet_sdk::discriminator;
use ionet_sdk::state::Layout;
use ionet_sdk::Pubkey;

/// Basis points in one whole.
pub const BPS: u64 = 10_000;
/// Size of the GPU class table.
pub const MAX_GPU_CLASSES: usize = 8;
/// Cooldown entries per stake position.
pub const POSITION_COOLDOWNS: usize = 8;
/// Cooldown entries per device.
pub const DEVICE_COOLDOWNS: usize = 4;
/// Largest vote-lock time a position can record: 2^56 - 1 seconds.
pub const MAX_LOCKED_UNTIL: i64 = (1 << 56) - 1;
/// Longest governance voting period, and so the longest a vote may lock a position ahead of
/// the clock and the window over which [`StakePosition::vote_weight`] stays exact: 30 days.
pub const MAX_VOTE_SECONDS: i64 = 30 * 24 * 3600;

/// PDA seeds (of the staking program).
pub const CONFIG_SEED: &[u8] = b"config";
pub const STAKE_VAULT_SEED: &[u8] = b"stake_vault";
pub const REWARD_VAULT_SEED: &[u8] = b"reward_vault";
/// Seeds of the records at a seeded address (`ionet_sdk::seeded`): a position under its owner,
/// a device under its device key (each signs the instruction that creates its record).
pub const POSITION_TAG: &[u8] = b"position";
pub const DEVICE_TAG: &[u8] = b"device";

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
    /// Donation index: `fund_rewards` without epochs, over all active stake.
    pub reward_index_whole: u64,
    pub reward_index_frac: u64,
    /// Active stake still warming up: it earns no epoch rewards until the epochs funded reach
    /// the time it was staked and its position is touched (see `StakePosition::warming`).
    pub total_warming: u64,
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
    /// Epoch index: emission rewards (`fund_rewards` with epochs, by the IO mint authority)
    /// per base unit of earning stake (`total_stake - total_warming`).
    pub epoch_index_whole: u64,
    pub epoch_index_frac: u64,
    /// End (unix seconds) of the last epoch whose rewards were funded: the next epoch funding
    /// covers only epochs that start at or after it.
    pub funded_through_ts: i64,
}

/// One owner's stake, at the seeded address of `"position"` under the owner.
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
    /// Unused (zero): the position is at a seeded address, with no bump.
    pub unused: u8,
    /// Vote lock: unix seconds, 56-bit little-endian (the 7 bytes that were reserved, so the
    /// layout keeps its size). Read through [`StakePosition::locked_until`].
    pub locked_until: [u8; 7],
    /// Part of `active` that earns no epoch rewards yet: stake added at `warming_ts` or later.
    pub warming: u64,
    /// When the warming stake was last added (unix seconds).
    pub warming_ts: i64,
    /// Epoch index when the position last settled.
    pub epoch_index_whole: u64,
    pub epoch_index_frac: u64,
    /// Vote snapshot: when `active` last grew (unix seconds; 0: never), when it grew before
    /// that, and `active` just before the last growth. Read through
    /// [`StakePosition::vote_weight`].
    pub stake_ts: i64,
    pub prev_stake_ts: i64,
    pub prior_active: u64,
}

/// A registered GPU device and its stake, at the seeded address of `"device"` under its device
/// key.
#[repr(C)]
pub struct Device {
    pub discriminator: [u8; 8],
    pub owner: Pubkey,
    /// The device's own ed25519 key: it signs attestations.
    pub device_key: Pubkey,
    pub gpu_count: u64,
    /// Active device stake: what eligibility counts.
    pub stake: u64,
    /// The part of `stake` reserved for the worst-case penalties of the jobs the device has
    /// claimed and not yet finished: only the staking config's slasher (the jobs program's PDA)
    /// reserves and releases it, and `unstake_device` cannot take it.
    pub job_reserve: u64,
    pub registered_ts: i64,
    pub cooldowns: [Cooldown; DEVICE_COOLDOWNS],
    /// Index into `Config::gpu_classes`.
    pub gpu_class: u8,
    /// Unused (zero): the device is at a seeded address, with no bump.
    pub unused: u8,
    /// 1 once the owner opened a co-staking offer (`DeviceOffer`): its owner's
    /// unstakes and its slashes then need the offer, and its supplier rewards are shared.
    pub offer: u8,
    pub reserved: [u8; 5],
}

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields laid out without implicit padding (checked by the size assertions below), align 8.
// Their `wrong_type` is the SDK's: the staking program wraps them to report its own error, and
// the readers' loaders (crate::load) map refusals to theirs.
unsafe impl Layout for Config {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Config");
}
// SAFETY: as above.
unsafe impl Layout for StakePosition {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("StakePosition");
}
// SAFETY: as above.
unsafe impl Layout for Device {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Device");
}

// Sizes from summing the fields: any implicit padding would break these.
const _: () = assert!(
    core::mem::size_of::<Config>() == 8 + 5 * 32 + 12 * 8 + MAX_GPU_CLASSES * 24 + 8 + 3 * 8
);
const _: () = assert!(
    core::mem::size_of::<StakePosition>() == 8 + 32 + 5 * 8 + POSITION_COOLDOWNS * 16 + 8 + 7 * 8
);
const _: () =
    assert!(core::mem::size_of::<Device>() == 8 + 2 * 32 + 4 * 8 + DEVICE_COOLDOWNS * 16 + 8);

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

    /// Records that `active` is about to grow at `now` (call before adding to it).
    pub fn record_growth(&mut self, now: i64) {
        self.prev_stake_ts = self.stake_ts;
        self.prior_active = self.active;
        self.stake_ts = now;
    }

    /// The stake this position may vote with on a proposal created at `created_ts`: never more
    /// than was active then, nor more than is active now. With no growth since `created_ts`,
    /// the active stake; with one (even in the same second), the stake before it (only
    /// unstakes, which lower it, came between); with two or more, none, for the balance before
    /// the first of them is no longer recorded.
    pub fn vote_weight(&self, created_ts: i64) -> u64 {
        if self.stake_ts < created_ts {
            self.active
        } else if self.prev_stake_ts < created_ts {
            self.active.min(self.prior_active)
        } else {
            0
        }
    }
}

impl Config {
    /// Active stake that earns epoch rewards: all of it but what is still warming up.
    pub fn earning_stake(&self) -> Option<u64> {
        self.total_stake.checked_sub(self.total_warming)
    }
}

impl Device {
    /// Active plus cooling stake: the most a slash can take. `None` on overflow.
    pub fn at_stake(&self) -> Option<u64> {
        self.cooldowns
            .iter()
            .try_fold(self.stake, |sum, c| sum.checked_add(c.amount))
    }

    /// Active stake not reserved for claimed jobs: what a new claim can reserve and what the
    /// owner can unstake. Saturates at zero, though slashes (the slasher only, each within a reserve
    /// it released) never leave less stake than the reserve.
    pub fn free_stake(&self) -> u64 {
        self.stake.saturating_sub(self.job_reserve)
    }
}

#[cfg(test)]
mod tests {
    use core::mem::{offset_of, size_of};

    use super::*;

    /// Sizes and the offsets other programs and the Go client rely on, as the IDL's field
    /// order and types give them (Pubkey 32, u64/i64 8, Cooldown 16, GpuClass 24 bytes).
    #[test]
    fn layouts_match_the_idl() {
        let cases = [
            ("Config size", size_of::<Config>(), 488),
            (
                "Config.total_warming",
                offset_of!(Config, total_warming),
                8 + 5 * 32 + 7 * 8,
            ),
            (
                "Config.epoch_index_whole",
                offset_of!(Config, epoch_index_whole),
                464,
            ),
            (
                "Config.funded_through_ts",
                offset_of!(Config, funded_through_ts),
                480,
            ),
            ("Config.authority", offset_of!(Config, authority), 8),
            ("Config.io_mint", offset_of!(Config, io_mint), 8 + 2 * 32),
            (
                "Config.reward_vault",
                offset_of!(Config, reward_vault),
                8 + 4 * 32,
            ),
            (
                "Config.cooldown_seconds",
                offset_of!(Config, cooldown_seconds),
                8 + 5 * 32,
            ),
            (
                "Config.min_device_stake_per_gpu",
                offset_of!(Config, min_device_stake_per_gpu),
                8 + 5 * 32 + 8,
            ),
            (
                "Config.total_stake",
                offset_of!(Config, total_stake),
                8 + 5 * 32 + 3 * 8,
            ),
            (
                "Config.gpu_classes",
                offset_of!(Config, gpu_classes),
                8 + 5 * 32 + 12 * 8,
            ),
            (
                "Config.gpu_class_count",
                offset_of!(Config, gpu_class_count),
                8 + 5 * 32 + 12 * 8 + 8 * 24,
            ),
            ("Config.bump", offset_of!(Config, bump), 457),
            ("Config.reserved", offset_of!(Config, reserved), 460),
            ("StakePosition size", size_of::<StakePosition>(), 272),
            (
                "StakePosition.warming",
                offset_of!(StakePosition, warming),
                216,
            ),
            (
                "StakePosition.stake_ts",
                offset_of!(StakePosition, stake_ts),
                248,
            ),
            (
                "StakePosition.prior_active",
                offset_of!(StakePosition, prior_active),
                264,
            ),
            ("StakePosition.owner", offset_of!(StakePosition, owner), 8),
            (
                "StakePosition.active",
                offset_of!(StakePosition, active),
                8 + 32,
            ),
            (
                "StakePosition.cooldowns",
                offset_of!(StakePosition, cooldowns),
                8 + 32 + 5 * 8,
            ),
            (
                "StakePosition.unused",
                offset_of!(StakePosition, unused),
                8 + 32 + 5 * 8 + 8 * 16,
            ),
            (
                "StakePosition.locked_until",
                offset_of!(StakePosition, locked_until),
                209,
            ),
            ("Device size", size_of::<Device>(), 176),
            ("Device.owner", offset_of!(Device, owner), 8),
            ("Device.device_key", offset_of!(Device, device_key), 8 + 32),
            (
                "Device.gpu_count",
                offset_of!(Device, gpu_count),
                8 + 2 * 32,
            ),
            ("Device.stake", offset_of!(Device, stake), 8 + 2 * 32 + 8),
            (
                "Device.job_reserve",
                offset_of!(Device, job_reserve),
                8 + 2 * 32 + 2 * 8,
            ),
            (
                "Device.cooldowns",
                offset_of!(Device, cooldowns),
                8 + 2 * 32 + 4 * 8,
            ),
            (
                "Device.gpu_class",
                offset_of!(Device, gpu_class),
                8 + 2 * 32 + 4 * 8 + 4 * 16,
            ),
            ("Device.unused", offset_of!(Device, unused), 169),
            ("GpuClass size", size_of::<GpuClass>(), 24),
            ("Cooldown size", size_of::<Cooldown>(), 16),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn discriminators_match_the_idl() {
        // sha256("account:<Name>")[..8], as programs-idl/staking.json lists them.
        assert_eq!(
            Config::DISCRIMINATOR,
            [155, 12, 170, 224, 30, 250, 204, 130]
        );
        assert_eq!(
            StakePosition::DISCRIMINATOR,
            [78, 165, 30, 111, 171, 125, 11, 220]
        );
        assert_eq!(Device::DISCRIMINATOR, [153, 248, 23, 39, 83, 45, 68, 128]);
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
            (
                "largest representable",
                MAX_LOCKED_UNTIL,
                Some(()),
                MAX_LOCKED_UNTIL,
            ),
            (
                "beyond 56 bits",
                MAX_LOCKED_UNTIL + 1,
                None,
                MAX_LOCKED_UNTIL,
            ),
            ("negative", -1, None, MAX_LOCKED_UNTIL),
        ];
        for (name, until, ok, want) in cases {
            assert_eq!(position.extend_lock(until), ok, "{name}");
            assert_eq!(position.locked_until(), want, "{name}");
        }
        assert!(position.is_locked(MAX_LOCKED_UNTIL - 1));
        assert!(!position.is_locked(MAX_LOCKED_UNTIL));
    }

    /// Vote weights against the balance history: never more than was active when the proposal
    /// was created (t) nor more than is active now.
    #[test]
    fn vote_weight_never_exceeds_the_snapshot() {
        // SAFETY: every bit pattern is a valid StakePosition (Layout contract); zero is one.
        let mut p: StakePosition = unsafe { core::mem::zeroed() };
        let grow = |p: &mut StakePosition, now: i64, amount: u64| {
            p.record_growth(now);
            p.active += amount;
        };
        grow(&mut p, 100, 50);
        assert_eq!(p.vote_weight(100), 0, "staked in the proposal's second");
        assert_eq!(p.vote_weight(101), 50, "staked before the proposal");
        grow(&mut p, 200, 30);
        assert_eq!(
            p.vote_weight(150),
            50,
            "one growth after the proposal: the balance before it"
        );
        assert_eq!(p.vote_weight(201), 80, "no growth since");
        p.active -= 60; // unstake
        assert_eq!(p.vote_weight(150), 20, "capped by what is active now");
        grow(&mut p, 300, 100);
        assert_eq!(
            p.vote_weight(250),
            20,
            "the balance before the growth after the proposal"
        );
        assert_eq!(
            p.vote_weight(150),
            0,
            "two growths after the proposal: unknown, so nothing"
        );
        assert_eq!(p.vote_weight(301), 120, "no growth since");
    }

    #[test]
    fn at_stake_counts_cooling_stake() {
        // SAFETY: every bit pattern is a valid Device (Layout contract); zero is one.
        let mut device: Device = unsafe { core::mem::zeroed() };
        device.stake = 10;
        device.cooldowns[0].amount = 5;
        device.cooldowns[3].amount = 7;
        assert_eq!(device.at_stake(), Some(22));
        device.cooldowns[1].amount = u64::MAX;
        assert_eq!(device.at_stake(), None, "overflow");
    }

    #[test]
    fn free_stake_excludes_the_job_reserve() {
        // SAFETY: every bit pattern is a valid Device (Layout contract); zero is one.
        let mut device: Device = unsafe { core::mem::zeroed() };
        device.stake = 1_000;
        device.job_reserve = 600;
        assert_eq!(device.free_stake(), 400);
        device.job_reserve = 1_200; // never expected (slashes stay within a released reserve): saturates
        assert_eq!(device.free_stake(), 0);
    }
}
