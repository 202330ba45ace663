//! `withdraw_costake()`: pays a co-staker its ended cooldowns, and its co-stake on a closed offer
//! once the offer's cooldown has ended, at their value after any slashes.

use ionet_sdk::args::no_args;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult, Pubkey};

use super::costake_shared::staker_position;
use super::shared::{now, overflow};
use super::vault::{check_vault_accounts, pay_out};
use super::Context;
use crate::costake;
use crate::costake_events::CostakeMoved;
use crate::state::{Config, DeviceOffer};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [staker, config_account, offer, position, staker_token, stake_vault, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let config = Config::load(config_account, program_id)?;
    check_vault_accounts(&config, staker_token, stake_vault, token_program)?;
    let device_key: Pubkey = DeviceOffer::load(offer, program_id)?.device_key;
    let mut offer = super::costake_shared::device_offer(offer, &device_key, program_id)?;
    let mut position = staker_position(position, staker, &device_key, program_id)?;

    costake::settle(&mut position, &offer).ok_or_else(overflow)?;
    let amount = costake::withdraw(&mut offer, &mut position, now()?)?;
    let bump = config.bump;
    drop((config, offer, position));

    if amount > 0 {
        pay_out(config_account, bump, stake_vault, staker_token, amount)?;
    }
    CostakeMoved {
        device_key: &device_key,
        staker: staker.key(),
        joined: false,
        amount,
        unlock_ts: 0,
    }
    .emit()
}
