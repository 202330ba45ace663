//! `stake_device(amount)`: adds IO to a device's stake (the eligibility collateral).

use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{overflow, owned_device};
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
    let [owner, config, device, owner_token, stake_vault, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut device = owned_device(device, owner, program_id)?;
    check_vault_accounts(&config, owner_token, stake_vault, token_program)?;

    device.stake = device.stake.checked_add(amount).ok_or_else(overflow)?;
    config.total_device_stake = config
        .total_device_stake
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let (device_key, stake) = (device.device_key, device.stake);
    drop((config, device));

    deposit(owner, owner_token, stake_vault, amount)?;
    events::device_staked(&device_key, amount, stake)
}
