//! `unstake(amount)`: moves active stake into a cooldown slot; it stops earning at once.
//! Refused while a governance vote locks the position.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{now, overflow, owned_position};
use super::Context;
use crate::error::StakingError;
use crate::instruction::amount_arg;
use crate::state::Config;
use crate::{cooldown, events};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, position, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut position = owned_position(position, owner, program_id)?;
    let now = now()?;
    if position.is_locked(now) {
        return Err(fail(StakingError::PositionLocked));
    }
    if amount > position.active {
        return Err(fail(StakingError::InsufficientStake));
    }
    let unlock_ts = now
        .checked_add(config.cooldown_seconds)
        .ok_or_else(overflow)?;

    position
        .settle(config.reward_index())
        .ok_or_else(overflow)?;
    cooldown::start(&mut position.cooldowns, amount, unlock_ts)?;
    position.active -= amount; // checked above
    config.total_stake = config
        .total_stake
        .checked_sub(amount)
        .ok_or_else(overflow)?;
    events::unstaked(owner.key(), amount, unlock_ts)
}
