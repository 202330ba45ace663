//! `claim_job`: a device takes an open job; the clock starts. The device key signs. Its staking
//! account (the staking program's `Device` holding `device_key`) and the staking config are
//! read in place with owner, type and key checks; the device must be eligible by the staking
//! program's own rule (`200 IO x max(1, multiplier) x GPUs`) and match the job's GPU class with
//! at least its GPU count. The device's owner becomes the job's worker: it will be paid.
//! The job's worst-case penalty (the larger of the expiry and fraud penalties) is reserved in
//! the device's stake through the staking program (the config PDA signs as its slasher): a claim
//! the device's free stake cannot cover is refused, and the reserve cannot be unstaked until the
//! job ends.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{load_job, now};
use super::slash::Reserve;
use super::Context;
use crate::error::JobsError;
use crate::events;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [device_key, config, job, staking_config, device, staking_program_account, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    device_key.check_signer()?;
    let cfg = JobsConfig::load(config, program_id)?;
    let (staking_program, config_bump) = (cfg.staking_program, cfg.bump);
    let reserve = cfg.expiry_penalty.max(cfg.fraud_penalty);
    drop(cfg);
    let mut state = load_job(job, program_id, JobState::Open)?;

    let staking_cfg =
        staking_state::load_config(staking_config, &staking_program, wrong_staking_account)?;
    let dev = staking_state::load_device(
        device,
        device_key.key(),
        &staking_program,
        wrong_staking_account,
    )?;
    if !staking_cfg.is_device_eligible(&dev) {
        return Err(fail(JobsError::DeviceNotEligible));
    }
    if dev.gpu_class != state.gpu_class || dev.gpu_count < state.gpu_count {
        return Err(fail(JobsError::DeviceMismatch));
    }
    if dev.free_stake() < reserve {
        return Err(fail(JobsError::InsufficientFreeStake));
    }
    let worker = dev.owner;
    drop((staking_cfg, dev));
    let stake = Reserve::new(
        staking_program_account,
        config,
        staking_config,
        device,
        None,
    );
    stake.check(&staking_program, device.key())?;

    state.device_key = *device_key.key();
    state.device = *device.key();
    state.worker = worker;
    state.claimed_ts = now()?;
    state.stake_reserved = reserve;
    state.state = JobState::Claimed as u8;
    let id = state.id;
    drop(state);
    stake.reserve(reserve, config_bump)?;
    events::job_claimed(id, device_key.key());
    Ok(())
}

#[cold]
fn wrong_staking_account() -> ProgramError {
    fail(JobsError::WrongStakingAccount)
}
