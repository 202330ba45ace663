//! Pieces several instructions share.

use ionet_sdk::account::RefMut;
use ionet_sdk::error::fail;
use ionet_sdk::log::Line;
use ionet_sdk::state::Layout;
use ionet_sdk::{AccountInfo, ProgramError, Pubkey};

use crate::error::CapacityError;
use crate::state::{DeviceCapacity, MISSED};

/// Borrows `record` as the `DeviceCapacity` of `device_key` (owned by this program, writable).
pub fn load_record<'a>(
    record: &'a AccountInfo,
    device_key: &Pubkey,
    program_id: &Pubkey,
) -> Result<RefMut<'a, DeviceCapacity>, ProgramError> {
    let state = DeviceCapacity::load_mut(record, program_id)?;
    if &state.device_key != device_key {
        return Err(fail(CapacityError::WrongDevice));
    }
    Ok(state)
}

/// Closes the open (overdue) challenge as missed: it closed the slot after its deadline, from
/// which the next request's interval counts.
pub fn close_missed(record: &mut DeviceCapacity) -> Result<(), ProgramError> {
    let deadline = record
        .phase_deadline()
        .ok_or_else(|| fail(CapacityError::NoOpenChallenge))?;
    record.status = MISSED;
    record.closed_slot = deadline.saturating_add(1);
    record.misses = record
        .misses
        .checked_add(1)
        .ok_or_else(|| fail(CapacityError::Overflow))?;
    log_outcome("capacity: challenge missed", record);
    Ok(())
}

/// Logs what happened to a device's challenge with its request slot.
pub fn log_outcome(what: &str, record: &DeviceCapacity) {
    let mut line = Line::<96>::new();
    line.push_str(what)
        .push_str(" (request slot ")
        .push_u64(record.request_slot)
        .push_str(")");
    line.log();
}
