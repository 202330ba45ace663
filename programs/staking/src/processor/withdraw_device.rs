//! `withdraw_device()`: pays out the device's ended cooldowns to its owner.

use ionet_sdk::args::no_args;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{now, owned_device};
use super::vault::{check_vault_accounts, pay_out};
use super::Context;
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
    check_vault_accounts(&config, owner_token, stake_vault, token_program)?;

    let amount = cooldown::take_ended(&mut device.cooldowns, now()?)?;
    let (bump, device_key) = (config.bump, device.device_key);
    drop((config, device));

    pay_out(config_account, bump, stake_vault, owner_token, amount)?;
    events::device_withdrawn(&device_key, amount)
}
