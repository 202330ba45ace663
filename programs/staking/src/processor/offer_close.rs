//! `close_offer()`: the device owner closes the offer. The co-stake leaves the device's active
//! stake at once and cools down as a whole for the normal cooldown (still slashable, earning
//! nothing), after which each co-staker withdraws. Refused while the device's jobs hold that
//! stake (`StakeReservedForJobs`).

use ionet_sdk::args::no_args;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_shared::device_offer;
use super::shared::{now, overflow, owned_device};
use super::Context;
use crate::state::Config;
use crate::{costake, costake_events};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, device, offer, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut device = owned_device(device, owner, program_id)?;
    let mut offer = device_offer(offer, &device.device_key, program_id)?;
    let unlock_ts = now()?
        .checked_add(config.cooldown_seconds)
        .ok_or_else(overflow)?;
    let left = costake::close(&mut offer, &mut device, unlock_ts)?;
    config.total_device_stake = config
        .total_device_stake
        .checked_sub(left)
        .ok_or_else(overflow)?;
    costake_events::offer_closed(&device.device_key, left, offer.closed_unlock_ts)
}
