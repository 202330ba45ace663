//! `open_liveness`: creates a registered device's `DeviceLiveness` account, once per device,
//! before its first heartbeat (the clients send it in the heartbeat's transaction). It sits at
//! the seeded address of `"liveness"` under the device key (`ionet_sdk::seeded`: one address per
//! device, which only the device key's signature creates), and records the device's owner from
//! the staking program's `Device`. `payer` pays its rent once; the account is never closed, so
//! every later heartbeat writes it in place and creates nothing. Lamports sent to the address
//! beforehand cannot block it (the SDK tops a pre-funded address up); a device key that creates
//! the address itself only blocks its own heartbeats.
//!
//! Idempotent: the device's own liveness account already there is success and changes nothing,
//! so a retried first heartbeat fails only as any retried heartbeat does (`AlreadyLive`).

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::EmissionError;
use crate::state::{DeviceLiveness, EmissionState, DEVICE_LIVENESS_TAG};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [device_key, payer, state_account, liveness, device, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    device_key.check_signer()?;
    payer.check_signer()?;
    payer.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let staking_program = EmissionState::load(state_account, program_id)?.staking_program;
    let owner = staking_state::load_device(device, device_key.key(), &staking_program, || {
        fail(EmissionError::WrongDevice)
    })?
    .owner;
    if !liveness.data_is_empty() {
        let existing = DeviceLiveness::load(liveness, program_id)
            .map_err(|_| fail(EmissionError::WrongLivenessAccount))?;
        if &existing.device_key != device_key.key() {
            return Err(fail(EmissionError::WrongLivenessAccount));
        }
        return Ok(());
    }
    let new = new_seeded(liveness, device_key, DEVICE_LIVENESS_TAG, program_id)?;
    let mut state = new.init::<DeviceLiveness>(payer, None)?;
    state.device_key = *device_key.key();
    state.owner = owner;
    Ok(())
}
