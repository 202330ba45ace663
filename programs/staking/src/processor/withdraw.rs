//! `withdraw()`: pays out every cooldown slot whose unlock time has come (not while a governance
//! vote locks the position).

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{now, owned_position};
use super::vault::{check_vault_accounts, pay_out};
use super::Context;
use crate::error::StakingError;
use crate::state::Config;
use crate::{cooldown, events};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config_account, position, owner_token, stake_vault, token_program, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let config = Config::load(config_account, program_id)?;
    let mut position = owned_position(position, owner, program_id)?;
    let now = now()?;
    if position.is_locked(now) {
        return Err(fail(StakingError::PositionLocked));
    }
    check_vault_accounts(&config, owner_token, stake_vault, token_program)?;

    let amount = cooldown::take_ended(&mut position.cooldowns, now)?;
    let bump = config.bump;
    drop((config, position));

    pay_out(config_account, bump, stake_vault, owner_token, amount)?;
    events::withdrawn(owner.key(), amount)
}
