//! Co-staking events (Anchor `Program data:` lines, as the IDL's `events` declare them).

use ionet_sdk::discriminator;
use ionet_sdk::{ProgramResult, Pubkey};

use crate::costake::{SlashSplit, Split};
use crate::events::start;
use crate::state::DeviceOffer;

/// The offer's terms after `open_offer` or `update_offer`.
pub fn offer_changed(offer: &DeviceOffer) -> ProgramResult {
    start(discriminator!(event, "OfferChanged"))
        .key(&offer.device_key)
        .u64(offer.commission_bps)
        .u64(offer.pending_commission_bps)
        .i64(offer.pending_ts)
        .u64(offer.max_costake)
        .u64(offer.min_owner_bps)
        .emit()
}

pub fn offer_closed(device_key: &Pubkey, costake: u64, unlock_ts: i64) -> ProgramResult {
    start(discriminator!(event, "OfferClosed"))
        .key(device_key)
        .u64(costake)
        .i64(unlock_ts)
        .emit()
}

/// `amount` co-staked (`joined`), moved into the cooldown until `unlock_ts` (`uncostake`), or
/// withdrawn (`unlock_ts == 0`, not `joined`).
pub struct CostakeMoved<'a> {
    pub device_key: &'a Pubkey,
    pub staker: &'a Pubkey,
    pub joined: bool,
    pub amount: u64,
    pub unlock_ts: i64,
}

impl CostakeMoved<'_> {
    pub fn emit(&self) -> ProgramResult {
        start(discriminator!(event, "CostakeMoved"))
            .key(self.device_key)
            .key(self.staker)
            .u64(self.joined as u64)
            .u64(self.amount)
            .i64(self.unlock_ts)
            .emit()
    }
}

pub fn reward_credited(device_key: &Pubkey, split: &Split) -> ProgramResult {
    start(discriminator!(event, "DeviceRewardCredited"))
        .key(device_key)
        .u64(split.commission)
        .u64(split.owner_share)
        .u64(split.costake_share)
        .emit()
}

pub fn reward_claimed(device_key: &Pubkey, claimant: &Pubkey, amount: u64) -> ProgramResult {
    start(discriminator!(event, "CostakeRewardClaimed"))
        .key(device_key)
        .key(claimant)
        .u64(amount)
        .emit()
}

/// Who a slash of a device with an offer took from (the `Slashed` event in the same
/// instruction, and the jobs program's event around it, say how much, to whom and for which job).
pub fn costake_slashed(device_key: &Pubkey, owner: &Pubkey, split: &SlashSplit) -> ProgramResult {
    start(discriminator!(event, "CostakeSlashed"))
        .key(device_key)
        .key(owner)
        .u64(split.owner_active)
        .u64(split.owner_cooling)
        .u64(split.costake_active)
        .u64(split.costake_cooling)
        .emit()
}
