//! `register_device(gpu_class, gpu_count)`: creates the device at the seeded address of
//! `"device"` under the device key (`ionet_sdk::seeded`; the owner pays). The device key must
//! sign, so nobody can register (squat) a key they do not hold; it is the base, so the address
//! is one per key and no bump is searched. A device key that created that address first with the
//! System program only blocks its own registration.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::now;
use super::Context;
use crate::error::StakingError;
use crate::events;
use crate::state::{Config, Device, DEVICE_TAG, MAX_GPUS_PER_DEVICE};

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
    let new = new_seeded(device, device_key, DEVICE_TAG, program_id)?;
    let registered_ts = now()?;

    let mut state = new.init::<Device>(owner, None)?;
    state.owner = *owner.key();
    state.device_key = *device_key.key();
    state.gpu_class = gpu_class;
    state.gpu_count = gpu_count;
    state.registered_ts = registered_ts;
    events::device_registered(device_key.key(), owner.key(), gpu_class, gpu_count)
}
