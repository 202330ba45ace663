//! `register_device(gpu_class, gpu_count)`: creates the device PDA `["device", device_key]`. The
//! device key must sign, so nobody can register (squat) a key they do not hold.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::now;
use super::Context;
use crate::error::StakingError;
use crate::events;
use crate::state::{Config, Device, DEVICE_SEED, MAX_GPUS_PER_DEVICE};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, device_key, config, device, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let gpu_class = args.u8()?;
    let gpu_count = args.u64()?;
    args.finish()?;
    owner.check_signer()?;
    owner.check_writable()?;
    device_key.check_signer()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    if Config::load(config, program_id)?
        .gpu_multiplier_bps(gpu_class)
        .is_none()
    {
        return Err(fail(StakingError::UnknownGpuClass));
    }
    if !(1..=MAX_GPUS_PER_DEVICE).contains(&gpu_count) {
        return Err(fail(StakingError::InvalidGpuCount));
    }
    let seeds: [&[u8]; 2] = [DEVICE_SEED, device_key.key()];
    let new = new_pda(device, &seeds, program_id)?;
    let registered_ts = now()?;

    let mut state = new.init::<Device>(owner, program_id)?;
    state.owner = *owner.key();
    state.device_key = *device_key.key();
    state.gpu_class = gpu_class;
    state.gpu_count = gpu_count;
    state.registered_ts = registered_ts;
    state.bump = new.bump;
    events::device_registered(device_key.key(), owner.key(), gpu_class, gpu_count)
}
