//! `uncostake(amount)`: a co-staker moves part of its active co-stake into the normal cooldown
//! (the offer's cooling pool: still slashable, earning nothing). Refused beyond the device's free
//! stake (active stake minus what its claimed jobs hold), like the owner's `unstake_device`.

use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_shared::{device_offer, staker_position};
use super::shared::{now, overflow};
use super::Context;
use crate::costake;
use crate::costake_events::CostakeMoved;
use crate::instruction::amount_arg;
use crate::state::{Config, Device};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [staker, config, device, offer, position, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut device = Device::load_mut(device, program_id)?;
    let device_key = device.device_key;
    let mut offer = device_offer(offer, &device_key, program_id)?;
    let mut position = staker_position(position, staker, &device_key, program_id)?;
    let plan = costake::check_leave(&offer, &position, &device, amount)?;
    let unlock_ts = now()?
        .checked_add(config.cooldown_seconds)
        .ok_or_else(overflow)?;
    let total_device_stake = config
        .total_device_stake
        .checked_sub(amount)
        .ok_or_else(overflow)?;

    costake::settle(&mut position, &offer).ok_or_else(overflow)?;
    costake::leave(&mut offer, &mut position, amount, &plan, unlock_ts)?;
    device.stake -= amount; // amount <= free stake <= stake (check_leave)
    config.total_device_stake = total_device_stake;
    CostakeMoved {
        device_key: &device_key,
        staker: staker.key(),
        joined: false,
        amount,
        unlock_ts,
    }
    .emit()
}
