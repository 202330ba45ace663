//! `stake(amount)`: moves IO from the owner's token account into the stake vault and adds it to
//! the position's active stake (settling rewards earned so far first).

use ionet_sdk::state::Layout;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{
    check_token_account, check_token_program, check_vault, overflow, owned_position,
};
use super::Context;
use crate::events;
use crate::instruction::amount_arg;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, position, owner_token, stake_vault, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut position = owned_position(position, owner, program_id)?;
    check_token_account(owner_token, &config.io_mint)?;
    check_vault(stake_vault, &config.stake_vault)?;
    check_token_program(token_program)?;

    position
        .settle(config.reward_index())
        .ok_or_else(overflow)?;
    position.active = position.active.checked_add(amount).ok_or_else(overflow)?;
    config.total_stake = config
        .total_stake
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let active = position.active;
    drop((config, position));

    Transfer {
        source: owner_token,
        destination: stake_vault,
        authority: owner,
        amount,
    }
    .invoke()?;
    events::staked(owner.key(), amount, active)
}
