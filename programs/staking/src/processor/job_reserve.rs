//! `reserve_device_stake(amount)` and `release_device_stake(amount)`: the configured slasher
//! (the jobs program's config PDA) ties part of a device's active stake to a job it claimed (the
//! job's worst-case penalty) and frees it when the job ends. Reserved stake cannot be unstaked,
//! so a device cannot walk away from the penalties of jobs it holds. Only the slasher: it may
//! already slash the whole stake, so letting it reserve adds no trust; the authority (and
//! governance after it) cannot lock anyone's stake this way.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_signer_is, overflow};
use super::Context;
use crate::error::StakingError;
use crate::instruction::amount_arg;
use crate::state::{Config, Device};

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

/// Takes `amount` off the device's job reserve.
pub fn release(ctx: &Context) -> ProgramResult {
    change(ctx, |device, amount| {
        device.job_reserve = device
            .job_reserve
            .checked_sub(amount)
            .ok_or_else(|| fail(StakingError::ReleaseExceedsReserve))?;
        Ok(())
    })
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
