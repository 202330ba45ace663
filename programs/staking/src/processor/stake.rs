//! `stake(amount)`: moves IO from the owner's token account into the stake vault and adds it to
//! the position's active stake (settling rewards earned so far first). The new stake votes on
//! proposals created after it and warms up for epoch rewards: it earns none until every epoch
//! that started before it has been funded (see `StakePosition::settle`).

use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_token_program, now, overflow, owned_position};
use super::Context;
use crate::error::StakingError;
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
    check_token_account_mint::<StakingError>(owner_token, &config.io_mint)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;

    let now = now()?;
    position.settle(&mut config).ok_or_else(overflow)?;
    position
        .add_stake(&mut config, amount, now)
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
