//! `reserve_device_stake(amount)` and `release_device_stake(amount, outcome)`: the configured slasher
//! (the jobs program's config PDA) ties part of a device's active stake to a job it claimed (the
//! job's worst-case penalty) and frees it when the job ends. Reserved stake cannot be unstaked,
//! so a device cannot walk away from the penalties of jobs it holds. Only the slasher: it may
//! already slash the whole stake, so letting it reserve adds no trust; the authority (and
//! governance after it) cannot lock anyone's stake this way.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_shared::device_offer;
use super::shared::{check_signer_is, overflow};
use super::Context;
use crate::error::StakingError;
use crate::instruction::amount_arg;
use crate::state::{Config, Device, OUTCOME_COMPLETED, OUTCOME_FRAUD};

/// Adds `amount` to the device's job reserve; it must fit in the free stake.
pub fn reserve(ctx: &Context) -> ProgramResult {
    change(ctx, |device, amount| {
        if amount > device.free_stake() {
            return Err(fail(StakingError::StakeReservedForJobs));
        }
        device.job_reserve = device
            .job_reserve
            .checked_add(amount)
            .ok_or_else(overflow)?;
        Ok(())
    })
}

/// Takes `amount` off the device's job reserve, the job having ended with `outcome`
/// (`staking_state::OUTCOME_*`). A device with a co-staking offer takes the offer as a fourth
/// account and counts the outcome in its reliability record.
pub fn release(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [slasher, config, device, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let amount = args.u64()?;
    let outcome = args.u8()?;
    args.finish()?;
    if amount == 0 {
        return Err(fail(StakingError::ZeroAmount));
    }
    if !(OUTCOME_COMPLETED..=OUTCOME_FRAUD).contains(&outcome) {
        return Err(fail(StakingError::UnknownJobOutcome));
    }
    let config = Config::load(config, program_id)?;
    check_signer_is(slasher, &config.slasher, StakingError::NotJobsSlasher)?;
    let mut device = Device::load_mut(device, program_id)?;
    let reserve = device
        .job_reserve
        .checked_sub(amount)
        .ok_or_else(|| fail(StakingError::ReleaseExceedsReserve))?;
    if device.offer != 0 {
        let account = accounts
            .get(3)
            .ok_or_else(|| fail(StakingError::OfferAccountMissing))?;
        let mut offer = device_offer(account, &device.device_key, program_id)?;
        offer.record_outcome(outcome).ok_or_else(overflow)?;
    }
    device.job_reserve = reserve;
    Ok(())
}

fn change(ctx: &Context, apply: impl FnOnce(&mut Device, u64) -> ProgramResult) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [slasher, config, device, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    let config = Config::load(config, program_id)?;
    check_signer_is(slasher, &config.slasher, StakingError::NotJobsSlasher)?;
    let mut device = Device::load_mut(device, program_id)?;
    apply(&mut device, amount)
}
