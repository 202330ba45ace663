//! `stake(amount)`: moves IO from the owner's token account into the stake vault and adds it to
//! the position's active stake (settling rewards earned so far first). The new stake votes on
//! proposals created after it and warms up for epoch rewards: it earns none until every epoch
//! that started before it has been funded (see `StakePosition::settle`).

use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{now, overflow, owned_position};
use super::vault::{check_vault_accounts, deposit};
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
    check_vault_accounts(&config, owner_token, stake_vault, token_program)?;

    let now = now()?;
    position.settle(&mut config).ok_or_else(overflow)?;
    position
        .add_stake(&mut config, amount, now)
        .ok_or_else(overflow)?;
    let active = position.active;
    drop((config, position));

    deposit(owner, owner_token, stake_vault, amount)?;
    events::staked(owner.key(), amount, active)
}
