//! `claim()`: pays the position's rewards (settled up to now) from the reward vault.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{as_config, check_token_program, overflow, owned_position};
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
    check_token_account_mint::<StakingError>(owner_token, &config.io_mint)?;
    reward_vault.check_recorded(&config.reward_vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;

    position.settle(&mut config).ok_or_else(overflow)?;
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
