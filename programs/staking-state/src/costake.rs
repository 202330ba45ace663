//! Co-staking accounts: a device owner's offer ([`DeviceOffer`]), each co-staker's position on
//! one device ([`CostakePosition`]) and the protocol's co-staking parameters ([`CostakeParams`]).
//! Byte for byte as `programs-idl/staking.json` describes them.

use ionet_sdk::discriminator;
use ionet_sdk::state::Layout;
use ionet_sdk::Pubkey;

/// The tag of an offer's seed (`crate::KeySeed` with the device key): the offer is at that
/// seeded address under the staking config PDA.
pub const OFFER_TAG: &[u8] = b"offer";
/// The tag of a co-stake position's seed (`crate::KeySeed` with the device key): the position is
/// at that seeded address under its staker, one per staker and device.
pub const COSTAKE_TAG: &[u8] = b"costake";
/// PDA seeds (of the staking program).
pub const COSTAKE_PARAMS_SEED: &[u8] = b"costake_params";
pub const COSTAKE_VAULT_SEED: &[u8] = b"costake_vault";
/// Cooldown entries per co-stake position.
pub const COSTAKE_COOLDOWNS: usize = 4;

/// Co-stake waiting out its cooldown, in shares of the offer's cooling pool; `shares == 0` marks
/// a free slot.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShareCooldown {
    pub shares: u64,
    pub unlock_ts: i64,
}

/// The protocol's co-staking parameters (the staking authority, governance after hand-over, sets
/// them within on-chain bounds) and the vault holding device rewards owed to owners and
/// co-stakers. PDA `["costake_params"]`.
#[repr(C)]
pub struct CostakeParams {
    pub discriminator: [u8; 8],
    /// Token account (PDA `["costake_vault"]`, owned by the config PDA): credited device rewards
    /// not yet claimed.
    pub vault: Pubkey,
    /// Lowest share of a device's active stake (basis points) its owner must keep own.
    pub min_owner_floor_bps: u64,
    /// How long a commission raise waits before it applies (seconds).
    pub notice_seconds: i64,
    /// Highest commission an offer may set (basis points).
    pub max_commission_bps: u64,
    pub bump: u8,
    pub vault_bump: u8,
    pub reserved: [u8; 6],
}

/// A device owner's co-staking offer and the co-stake on the device, at the seeded address of
/// `"offer"` + the device key (`crate::KeySeed`) under the staking config PDA; one per device
/// (`Device::offer` marks it opened).
///
/// Co-stake is held in two share pools so a slash can take it pro rata without touching each
/// position: the active pool (`active_shares` worth `active_amount`, part of the device's active
/// stake) and the cooling pool (`cooling_shares` worth `cooling_amount`). Once the offer is
/// closed the active pool has left the device's stake and cools down as a whole until
/// `closed_unlock_ts`.
#[repr(C)]
pub struct DeviceOffer {
    pub discriminator: [u8; 8],
    pub device_key: Pubkey,
    pub owner: Pubkey,
    /// Basis points of the device's supplier rewards the owner keeps before the pro-rata split.
    pub commission_bps: u64,
    /// A raise waiting out the notice period (`pending_ts != 0`).
    pub pending_commission_bps: u64,
    /// When the pending raise applies (unix seconds; 0: none pending).
    pub pending_ts: i64,
    /// Most co-stake (active pool) the owner accepts.
    pub max_costake: u64,
    /// Lowest share of the device's active stake (basis points) the owner keeps own.
    pub min_owner_bps: u64,
    pub active_shares: u64,
    pub active_amount: u64,
    pub cooling_shares: u64,
    pub cooling_amount: u64,
    /// 0 while open; once closed, when the active pool's cooldown ends.
    pub closed_unlock_ts: i64,
    /// Device rewards per active share since the offer opened: `whole + frac / 10^18`.
    pub reward_index_whole: u64,
    pub reward_index_frac: u64,
    /// The owner's commission and own-stake share, credited and not yet claimed.
    pub owner_unclaimed: u64,
    pub owner_claimed: u64,
    /// Device rewards credited to this offer (all parties).
    pub credited: u64,
    /// Of `credited`, what went to the co-stakers' pool.
    pub costake_credited: u64,
    /// What co-stake positions claimed.
    pub costake_claimed: u64,
    /// Stake slashed from the owner's own stake and from co-stake while the offer existed.
    pub slashed_owner: u64,
    pub slashed_costake: u64,
    /// Reliability record while the offer exists, kept by the instructions that know: epochs
    /// whose supplier reward was credited (one heartbeat each), and the device's jobs by how
    /// they ended (the jobs program's `release_device_stake`, with the outcome).
    pub epochs_live: u64,
    pub jobs_completed: u64,
    pub jobs_failed: u64,
    pub jobs_expired: u64,
    pub frauds_proven: u64,
    /// When the offer was (last) opened (unix seconds): `epochs_live` counts from here.
    pub opened_ts: i64,
    pub reserved: [u8; 8],
}

/// How a job ended, as the jobs program reports it when it releases the job's reserve.
pub const OUTCOME_COMPLETED: u8 = 1;
pub const OUTCOME_FAILED: u8 = 2;
pub const OUTCOME_EXPIRED: u8 = 3;
pub const OUTCOME_FRAUD: u8 = 4;

/// One co-staker's stake on one device, at the seeded address of `"costake"` + the device key's
/// seed ([`crate::KeySeed`]) under the staker.
#[repr(C)]
pub struct CostakePosition {
    pub discriminator: [u8; 8],
    pub device_key: Pubkey,
    pub staker: Pubkey,
    /// Shares of the offer's active pool.
    pub shares: u64,
    /// The offer's reward index when the position last settled.
    pub reward_index_whole: u64,
    pub reward_index_frac: u64,
    pub unclaimed: u64,
    pub claimed: u64,
    pub cooldowns: [ShareCooldown; COSTAKE_COOLDOWNS],
    pub reserved: [u8; 8],
}

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields without implicit padding (the size assertions below), align 8.
unsafe impl Layout for CostakeParams {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("CostakeParams");
}
// SAFETY: as above.
unsafe impl Layout for DeviceOffer {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("DeviceOffer");
}
// SAFETY: as above.
unsafe impl Layout for CostakePosition {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("CostakePosition");
}

const _: () = assert!(core::mem::size_of::<CostakeParams>() == 8 + 32 + 3 * 8 + 8);
const _: () = assert!(core::mem::size_of::<DeviceOffer>() == 8 + 2 * 32 + 25 * 8 + 8);
const _: () = assert!(
    core::mem::size_of::<CostakePosition>() == 8 + 2 * 32 + 5 * 8 + COSTAKE_COOLDOWNS * 16 + 8
);

impl DeviceOffer {
    /// Whether co-stakers can still join (not closed).
    pub fn is_open(&self) -> bool {
        self.closed_unlock_ts == 0
    }

    /// The commission in force at `now`: a pending raise once its notice has passed.
    pub fn commission_at(&self, now: i64) -> u64 {
        if self.pending_ts != 0 && now >= self.pending_ts {
            self.pending_commission_bps
        } else {
            self.commission_bps
        }
    }

    /// Counts a job that ended with `outcome` (one of the `OUTCOME_*`); `None` for another
    /// value or on overflow.
    pub fn record_outcome(&mut self, outcome: u8) -> Option<()> {
        let counter = match outcome {
            OUTCOME_COMPLETED => &mut self.jobs_completed,
            OUTCOME_FAILED => &mut self.jobs_failed,
            OUTCOME_EXPIRED => &mut self.jobs_expired,
            OUTCOME_FRAUD => &mut self.frauds_proven,
            _ => return None,
        };
        *counter = counter.checked_add(1)?;
        Some(())
    }

    /// The part of the device's active stake that is the owner's own.
    pub fn owner_active(&self, device_stake: u64) -> Option<u64> {
        if self.is_open() {
            device_stake.checked_sub(self.active_amount)
        } else {
            Some(device_stake)
        }
    }
}
