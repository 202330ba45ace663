//! `stake_device(amount)`: adds IO to a device's stake (the eligibility collateral).

use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_token_program, overflow, owned_device};
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
    let [owner, config, device, owner_token, stake_vault, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut device = owned_device(device, owner, program_id)?;
    check_token_account_mint::<StakingError>(owner_token, &config.io_mint)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;

    device.stake = device.stake.checked_add(amount).ok_or_else(overflow)?;
    config.total_device_stake = config
        .total_device_stake
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let (device_key, stake) = (device.device_key, device.stake);
    drop((config, device));

    Transfer {
        source: owner_token,
        destination: stake_vault,
        authority: owner,
        amount,
    }
    .invoke()?;
    events::device_staked(&device_key, amount, stake)
}
