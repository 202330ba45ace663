//! `withdraw()`: pays out every cooldown slot whose unlock time has come (not while a governance
//! vote locks the position).

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{as_config, check_token_program, now, owned_position};
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
    check_token_account_mint::<StakingError>(owner_token, &config.io_mint)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;

    let amount = cooldown::take_ended(&mut position.cooldowns, now)?;
    let bump = config.bump;
    drop((config, position));

    as_config(bump, |signers| {
        Transfer {
            source: stake_vault,
            destination: owner_token,
            authority: config_account,
            amount,
        }
        .invoke_signed(signers)
    })?;
    events::withdrawn(owner.key(), amount)
}
