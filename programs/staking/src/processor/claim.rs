//! `claim()`: pays the position's rewards (settled up to now) from the reward vault.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{
    as_config, check_token_account, check_token_program, check_vault, overflow, owned_position,
};
use super::Context;
use crate::error::StakingError;
use crate::events;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config_account, position, owner_token, reward_vault, token_program, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let mut config = Config::load_mut(config_account, program_id)?;
    let mut position = owned_position(position, owner, program_id)?;
    check_token_account(owner_token, &config.io_mint)?;
    check_vault(reward_vault, &config.reward_vault)?;
    check_token_program(token_program)?;

    position
        .settle(config.reward_index())
        .ok_or_else(overflow)?;
    let amount = position.unclaimed;
    if amount == 0 {
        return Err(fail(StakingError::NothingToClaim));
    }
    position.unclaimed = 0;
    position.claimed = position.claimed.checked_add(amount).ok_or_else(overflow)?;
    config.rewards_claimed = config
        .rewards_claimed
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let bump = config.bump;
    drop((config, position));

    as_config(bump, |signers| {
        Transfer {
            source: reward_vault,
            destination: owner_token,
            authority: config_account,
            amount,
        }
        .invoke_signed(signers)
    })?;
    events::rewards_claimed(owner.key(), amount)
}
