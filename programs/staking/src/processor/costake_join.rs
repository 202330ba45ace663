//! `costake(amount)`: a co-staker adds IO to a device's stake through its open offer. The first
//! co-stake creates the position at the seeded address of `"costake"` + the device key's seed
//! (`staking_state::KeySeed`) under the staker, who signs and pays (a pre-funded address is
//! topped up). The stake joins the offer's active pool and the device's
//! active stake (eligibility and job collateral count it like the owner's), within the offer's
//! cap and keeping the owner's own share at or above the offer's minimum.

use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult, Pubkey};

use super::costake_shared::{device_offer, staker_position};
use super::shared::overflow;
use super::vault::{check_vault_accounts, deposit};
use super::Context;
use crate::costake;
use crate::costake_events::CostakeMoved;
use crate::error::StakingError;
use crate::instruction::amount_arg;
use crate::state::{Config, CostakePosition, Device, COSTAKE_TAG};
use staking_state::KeySeed;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [staker, config, device, offer, position, staker_token, stake_vault, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    staker.check_signer()?;
    staker.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let mut config = Config::load_mut(config, program_id)?;
    check_vault_accounts(&config, staker_token, stake_vault, token_program)?;
    let mut device = Device::load_mut(device, program_id)?;
    let device_key: Pubkey = device.device_key;
    if staker.key() == &device.owner {
        return Err(fail(StakingError::OwnerCannotCostake));
    }
    let mut offer = device_offer(offer, &device_key, program_id)?;
    let shares = costake::check_join(&offer, &device, amount)?;
    let seed = KeySeed::new(COSTAKE_TAG, &device_key);
    let new = match position.data_is_empty() {
        true => Some(new_seeded(position, staker, seed.as_bytes(), program_id)?),
        false => None,
    };
    if new.is_none() {
        drop(staker_position(position, staker, &device_key, program_id)?);
    }
    let total_device_stake = config
        .total_device_stake
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let device_stake = device.stake.checked_add(amount).ok_or_else(overflow)?;

    // Checks done; effects from here.
    let mut state = match &new {
        Some(new) => {
            let mut state = new.init::<CostakePosition>(staker, None)?;
            state.device_key = device_key;
            state.staker = *staker.key();
            state
        }
        None => CostakePosition::load_mut(position, program_id)?,
    };
    costake::settle(&mut state, &offer).ok_or_else(overflow)?;
    costake::join(&mut offer, &mut state, amount, shares).ok_or_else(overflow)?;
    device.stake = device_stake;
    config.total_device_stake = total_device_stake;
    drop((config, device, offer, state));

    deposit(staker, staker_token, stake_vault, amount)?;
    CostakeMoved {
        device_key: &device_key,
        staker: staker.key(),
        joined: true,
        amount,
        unlock_ts: 0,
    }
    .emit()
}
