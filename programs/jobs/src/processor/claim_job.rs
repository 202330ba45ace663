//! `claim_job`: a device takes an open job; the clock starts. The device key signs. Its staking
//! account (PDA `["device", device_key]` of the staking program) and the staking config are
//! read in place with owner and address checks; the device must be eligible by the staking
//! program's own rule (`200 IO x max(1, multiplier) x GPUs`) and match the job's GPU class with
//! at least its GPU count. The device's owner becomes the job's worker: it will be paid.

use ionet_sdk::error::fail;
use ionet_sdk::pda::create_program_address;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::shared::{load_job, now};
use super::Context;
use crate::error::JobsError;
use crate::events;
use crate::staking_view::{
    Device, StakingConfig, View, CONFIG_SEED as STAKING_CONFIG_SEED, DEVICE_SEED,
};
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [device_key, config, job, staking_config, device, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    crate::instruction::no_args(data)?;
    device_key.check_signer()?;
    let staking_program = JobsConfig::load(config, program_id)?.staking_program;
    let mut state = load_job(job, program_id, JobState::Open)?;

    let staking_data = staking_account(staking_config, &staking_program)?;
    let staking_cfg = StakingConfig::view(&staking_data).ok_or_else(wrong_staking_account)?;
    check_address(
        staking_config,
        &[STAKING_CONFIG_SEED],
        staking_cfg.bump,
        &staking_program,
    )?;
    let device_data = staking_account(device, &staking_program)?;
    let dev = Device::view(&device_data).ok_or_else(wrong_staking_account)?;
    if &dev.device_key != device_key.key() {
        return Err(wrong_staking_account());
    }
    check_address(
        device,
        &[DEVICE_SEED, device_key.key()],
        dev.bump,
        &staking_program,
    )?;
    if !staking_cfg.is_device_eligible(dev) {
        return Err(fail(JobsError::DeviceNotEligible));
    }
    if dev.gpu_class != state.gpu_class || dev.gpu_count < state.gpu_count {
        return Err(fail(JobsError::DeviceMismatch));
    }

    state.device_key = *device_key.key();
    state.device = *device.key();
    state.worker = dev.owner;
    state.claimed_ts = now()?;
    state.state = JobState::Claimed as u8;
    events::job_claimed(state.id, device_key.key());
    Ok(())
}

/// The data of an account the staking program owns.
fn staking_account<'a>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
) -> Result<ionet_sdk::account::Ref<'a, [u8]>, ProgramError> {
    if !account.is_owned_by(staking_program) {
        log::log_pubkey(account.key());
        return Err(wrong_staking_account());
    }
    account.try_borrow_data()
}

/// `account` is the staking program's PDA of `seeds` with its stored `bump`.
fn check_address(
    account: &AccountInfo,
    seeds: &[&[u8]],
    bump: u8,
    staking_program: &Pubkey,
) -> ProgramResult {
    let bump = [bump];
    let mut all: [&[u8]; 3] = [&bump; 3];
    all[..seeds.len()].copy_from_slice(seeds);
    match create_program_address(&all[..=seeds.len()], staking_program) {
        Ok(address) if &address == account.key() => Ok(()),
        _ => {
            log::log_pubkey(account.key());
            Err(wrong_staking_account())
        }
    }
}

#[cold]
fn wrong_staking_account() -> ProgramError {
    fail(JobsError::WrongStakingAccount)
}
