//! `commit(root)`: the device key commits the Merkle root of C within `deadline_slots` of the
//! request. The seed is fixed here from the request slot's hash in SlotHashes (so it is there
//! only once that slot is over) and stored; the commit's own slot hash will pick the entries.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::sysvar::{slot_hash, Clock};
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{load_record, log_outcome};
use super::Context;
use crate::error::CapacityError;
use crate::pow;
use crate::state::{COMMITTED, REQUESTED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [device_key, record, slot_hashes, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let root = *args.bytes::<32>()?;
    args.finish()?;
    device_key.check_signer()?;
    let mut state = load_record(record, device_key.key(), program_id)?;
    if state.status != REQUESTED {
        return Err(fail(CapacityError::NoOpenChallenge));
    }
    let slot = Clock::get()?.slot;
    if state.overdue(slot) {
        return Err(fail(CapacityError::DeadlinePassed));
    }
    let Some(hash) = slot_hash(slot_hashes, state.request_slot)? else {
        return Err(fail(CapacityError::SeedNotReady));
    };
    state.seed = pow::seed(&hash, device_key.key(), state.request_slot);
    state.root = root;
    state.commit_slot = slot;
    state.status = COMMITTED;
    log_outcome("capacity: root committed", &state);
    Ok(())
}
