//! `unstake_device(amount)`: moves device stake into a cooldown slot (still slashable there).
//! The part reserved for the device's claimed jobs (`job_reserve`) stays active until they end.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_shared::device_offer;
use super::shared::{now, overflow, owned_device};
use super::Context;
use crate::error::StakingError;
use crate::instruction::amount_arg;
use crate::state::Config;
use crate::{cooldown, costake, events};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, device, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut device = owned_device(device, owner, program_id)?;
    if amount > device.stake {
        return Err(fail(StakingError::InsufficientStake));
    }
    if device.offer != 0 {
        // Only the owner's own stake, and never below the offer's minimum owner share.
        let account = accounts
            .get(3)
            .ok_or_else(|| fail(StakingError::OfferAccountMissing))?;
        let offer = device_offer(account, &device.device_key, program_id)?;
        let own = offer.owner_active(device.stake).ok_or_else(overflow)?;
        if amount > own {
            return Err(fail(StakingError::InsufficientStake));
        }
        if offer.is_open()
            && offer.active_amount > 0
            && !costake::keeps_floor(own - amount, device.stake - amount, offer.min_owner_bps)
        {
            return Err(fail(StakingError::OwnerShareTooLow));
        }
    }
    if amount > device.free_stake() {
        return Err(fail(StakingError::StakeReservedForJobs));
    }
    let unlock_ts = now()?
        .checked_add(config.cooldown_seconds)
        .ok_or_else(overflow)?;

    cooldown::start(&mut device.cooldowns, amount, unlock_ts)?;
    device.stake -= amount; // checked above
    config.total_device_stake = config
        .total_device_stake
        .checked_sub(amount)
        .ok_or_else(overflow)?;
    events::device_unstaked(&device.device_key, amount, unlock_ts)
}
