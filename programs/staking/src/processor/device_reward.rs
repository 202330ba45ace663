//! `credit_device_reward(amount)`: the IO mint authority (the emission program's state PDA, in
//! its `claim_shared_supplier_reward`) pays a device's supplier reward into the co-staking vault
//! and it is split on the device's offer: the owner's commission, then the rest pro rata to all
//! active stake on the device (the owner's own included) — see `crate::costake::credit`.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::{Mint, Transfer};
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::costake_shared::{costake_params, device_offer};
use super::shared::{check_token_program, now, overflow};
use super::Context;
use crate::error::StakingError;
use crate::instruction::amount_arg;
use crate::state::{Config, Device};
use crate::{costake, costake_events};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [funder, config, params, device, offer, funder_token, vault, io_mint, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    funder.check_signer()?;
    let config = Config::load(config, program_id)?;
    let params = costake_params(params, program_id)?;
    if io_mint.key() != &config.io_mint {
        return Err(fail(StakingError::WrongMint));
    }
    if Mint::load(io_mint)?.mint_authority() != Some(funder.key()) {
        log::log_pubkey(funder.key());
        return Err(fail(StakingError::NotEmissionProgram));
    }
    check_token_account_mint::<StakingError>(funder_token, &config.io_mint)?;
    vault.check_recorded(&params.vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;
    let device = Device::load(device, program_id)?;
    let mut offer = device_offer(offer, &device.device_key, program_id)?;

    let split = costake::credit(&mut offer, device.stake, amount, now()?).ok_or_else(overflow)?;
    let device_key = device.device_key;
    drop((config, params, device, offer));

    Transfer {
        source: funder_token,
        destination: vault,
        authority: funder,
        amount,
    }
    .invoke()?;
    costake_events::reward_credited(&device_key, &split)
}
