//! `withdraw_device()`: pays out the device's ended cooldowns to its owner.

use ionet_sdk::args::no_args;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{as_config, check_token_program, now, owned_device};
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
    let [owner, config_account, device, owner_token, stake_vault, token_program, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let config = Config::load(config_account, program_id)?;
    let mut device = owned_device(device, owner, program_id)?;
    check_token_account_mint::<StakingError>(owner_token, &config.io_mint)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;

    let amount = cooldown::take_ended(&mut device.cooldowns, now()?)?;
    let (bump, device_key) = (config.bump, device.device_key);
    drop((config, device));

    as_config(bump, |signers| {
        Transfer {
            source: stake_vault,
            destination: owner_token,
            authority: config_account,
            amount,
        }
        .invoke_signed(signers)
    })?;
    events::device_withdrawn(&device_key, amount)
}
