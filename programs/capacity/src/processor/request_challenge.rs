//! `request_challenge()`: anyone (the keeper, typically) opens a challenge for a registered
//! device. The seed is the hash of this transaction's slot with the device key: nobody knows it
//! when sending, so no answer can be computed in advance. The first request creates the device's
//! record at the seeded address of `"capacity"` + the device key (`staking_state::KeySeed`) under
//! the config PDA, which signs (`ionet_sdk::seeded`: no bump is searched; the payer pays its rent;
//! a pre-funded address is topped up). An open challenge past its deadline is closed as missed
//! first; otherwise one challenge is open at a time, and a new one waits `interval_slots` after
//! the last closed.

use ionet_sdk::cpi::with_signer;
use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::{ProgramError, ProgramResult};
use staking_state::KeySeed;

use super::shared::{close_missed, load_record};
use super::Context;
use crate::error::CapacityError;
use crate::state::{
    CapacityConfig, DeviceCapacity, CAPACITY_TAG, CONFIG_SEED, MAX_GPU_CLASSES, NONE, REQUESTED,
};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, config, device_key, device, record, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    payer.check_signer()?;
    payer.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let (class, interval, config_bump) = {
        let cfg = CapacityConfig::load(config, program_id)?;
        let dev =
            staking_state::load_device(device, device_key.key(), &cfg.staking_program, || {
                fail(CapacityError::WrongDevice)
            })?;
        let index = dev.gpu_class as usize;
        if index >= MAX_GPU_CLASSES || cfg.classes[index].n == 0 {
            return Err(fail(CapacityError::ClassDisabled));
        }
        (
            (dev.gpu_class, cfg.classes[index]),
            cfg.interval_slots,
            cfg.bump,
        )
    };
    let slot = Clock::get()?.slot;

    // Outlives the new record's borrow; derived only when the record is created.
    let seed;
    let mut state = if record.data_is_empty() {
        seed = KeySeed::new(CAPACITY_TAG, device_key.key());
        let new_record = new_seeded(record, config, seed.as_bytes(), program_id)?;
        let mut state = with_signer([CONFIG_SEED, &[config_bump]], |signers| {
            new_record.init::<DeviceCapacity>(payer, signers.first())
        })?;
        state.device_key = *device_key.key();
        state
    } else {
        let mut state = load_record(record, device_key.key(), program_id)?;
        if state.overdue(slot) {
            close_missed(&mut state)?;
        }
        match state.phase_deadline() {
            Some(_) => return Err(fail(CapacityError::ChallengeOpen)),
            None if state.status != NONE && slot < state.closed_slot.saturating_add(interval) => {
                return Err(fail(CapacityError::TooSoon))
            }
            None => {}
        }
        state
    };
    let (gpu_class, params) = class;
    state.status = REQUESTED;
    state.gpu_class = gpu_class;
    state.n = params.n;
    state.k = params.k;
    state.deadline_slots = params.deadline_slots;
    state.request_slot = slot;
    state.commit_slot = 0;
    state.seed = [0; 32];
    state.root = [0; 32];
    state.proved_mask = 0;
    state.challenges = state
        .challenges
        .checked_add(1)
        .ok_or_else(|| fail(CapacityError::Overflow))?;
    // The request slot is this transaction's own: the plain message says it all (100 CU, not
    // the formatted line of `log_outcome`).
    ionet_sdk::log::log("capacity: challenge requested");
    Ok(())
}
