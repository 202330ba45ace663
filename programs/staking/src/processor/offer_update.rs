//! `update_offer(commission_bps, max_costake, min_owner_bps)`: the device owner changes an open
//! offer's terms. A lower (or equal) commission applies at once and drops any pending raise; a
//! higher one waits out the notice period (`pending_ts`), so co-stakers can leave before it
//! applies. The cap and the owner's minimum share apply at once (they only limit new co-stake
//! and the owner's own unstakes).

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_shared::{costake_params, device_offer, owned_device_ref};
use super::offer_open::Terms;
use super::shared::{now, overflow};
use super::Context;
use crate::costake_events;
use crate::error::StakingError;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, device, offer, params, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    drop(Config::load(config, program_id)?);
    let params = costake_params(params, program_id)?;
    let terms = Terms::parse(data, &params)?;
    let device = owned_device_ref(device, owner, program_id)?;
    let mut offer = device_offer(offer, &device.device_key, program_id)?;
    if !offer.is_open() {
        return Err(fail(StakingError::OfferClosed));
    }
    let now = now()?;
    let current = offer.commission_at(now);
    let (pending, pending_ts) = if terms.commission_bps > current {
        let at = now
            .checked_add(params.notice_seconds)
            .ok_or_else(overflow)?;
        (terms.commission_bps, at)
    } else {
        (0, 0)
    };

    offer.commission_bps = if pending_ts == 0 {
        terms.commission_bps
    } else {
        current
    };
    offer.pending_commission_bps = pending;
    offer.pending_ts = pending_ts;
    offer.max_costake = terms.max_costake;
    offer.min_owner_bps = terms.min_owner_bps;
    costake_events::offer_changed(&offer)
}
