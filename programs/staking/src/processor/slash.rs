//! `slash(amount)`: takes `amount` from a device's stake (active first, then cooldowns), burns
//! the configured share through the emission program's burn ledger (see `emission_burn`) and pays
//! the rest to the beneficiary (who proved the fault). Only the configured slasher (the jobs
//! program's PDA, which slashes on a proven fault, never more than the job's reserve) or a
//! registered one (`slashers`: its entry is the account after emission_state) may sign: not the
//! authority, so governance cannot slash.

use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{as_config, check_token_program, overflow};
use super::Context;
use crate::cooldown;
use crate::emission_burn::EmissionBurn;
use crate::error::StakingError;
use crate::events::Slashed;
use crate::instruction::amount_arg;
use crate::slashers::check_slasher;
use crate::state::{Config, Device, BPS};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [slasher, config_account, device, stake_vault, io_mint, beneficiary, token_program, emission_program, emission_state, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    slasher.check_signer()?;
    let mut config = Config::load_mut(config_account, program_id)?;
    check_slasher(slasher, &config, accounts.get(9), program_id)?;
    let mut device = Device::load_mut(device, program_id)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    if io_mint.key() != &config.io_mint {
        return Err(fail(StakingError::WrongMint));
    }
    io_mint.check_writable()?;
    check_token_account_mint::<StakingError>(beneficiary, &config.io_mint)?;
    check_token_program(token_program)?;
    let ledger = EmissionBurn {
        emission_program,
        emission_state,
    };
    ledger.check(io_mint)?;
    if amount > device.at_stake().ok_or_else(overflow)? {
        return Err(fail(StakingError::SlashExceedsStake));
    }

    let from_active = amount.min(device.stake);
    device.stake -= from_active;
    cooldown::take_up_to(&mut device.cooldowns, amount - from_active);
    config.total_device_stake = config
        .total_device_stake
        .checked_sub(from_active)
        .ok_or_else(overflow)?;
    let burned = math::mul_div(amount, config.slash_burn_bps, BPS).ok_or_else(overflow)?;
    let paid = amount - burned; // burned <= amount since slash_burn_bps <= BPS
    config.slashed_burned = config
        .slashed_burned
        .checked_add(burned)
        .ok_or_else(overflow)?;
    config.slashed_paid = config.slashed_paid.checked_add(paid).ok_or_else(overflow)?;
    let (bump, device_key) = (config.bump, device.device_key);
    drop((config, device));

    as_config(bump, |signers| {
        if burned > 0 {
            ledger.invoke(
                config_account,
                stake_vault,
                io_mint,
                token_program,
                burned,
                signers,
            )?;
        }
        if paid > 0 {
            Transfer {
                source: stake_vault,
                destination: beneficiary,
                authority: config_account,
                amount: paid,
            }
            .invoke_signed(signers)?;
        }
        Ok::<(), ProgramError>(())
    })?;
    Slashed {
        device_key: &device_key,
        slasher: slasher.key(),
        beneficiary: beneficiary.key(),
        amount,
        burned,
        paid,
    }
    .emit()
}
