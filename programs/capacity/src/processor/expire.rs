//! `expire()`: anyone closes a challenge whose current phase (commit, or prove) passed its
//! deadline, as missed: the device is not live until it passes a new one. The keeper does this;
//! `request_challenge` does it too before opening the next.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::close_missed;
use super::Context;
use crate::error::CapacityError;
use crate::state::DeviceCapacity;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [record, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let mut state = DeviceCapacity::load_mut(record, program_id)?;
    let slot = Clock::get()?.slot;
    if state.phase_deadline().is_none() {
        return Err(fail(CapacityError::NoOpenChallenge));
    }
    if !state.overdue(slot) {
        return Err(fail(CapacityError::NotExpired));
    }
    close_missed(&mut state)
}
