//! `prove(entries)`: the device answers the spot check within `deadline_slots` of its commit.
//! The commit slot's hash picks k entries of C (`pow::checked_entry`); each proved entry names
//! its index m, its value and its Merkle path to the committed root. A path that does not lead
//! to the root (or a bad, repeated index) is refused and changes nothing. A valid path to a value
//! that is not the product (the program recomputes `C[i][j]` from the seed) is a proven fault:
//! the transaction succeeds and records it, and the device is ineligible for good. When all k
//! entries are proved (in one transaction, or spread over several for large n) the challenge passes.
//!
//! Slashing: a recorded fault is slashed by `slash_fault` (anyone sends it), not here: the
//! slash's accounts would not fit beside the largest class's proof in one transaction.

use ionet_sdk::error::fail;
use ionet_sdk::sysvar::{slot_hash, Clock};
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{load_record, log_outcome};
use super::Context;
use crate::error::CapacityError;
use crate::instruction::parse_entries;
use crate::pow;
use crate::state::{COMMITTED, FAULT, PASSED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [device_key, record, slot_hashes, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    device_key.check_signer()?;
    let mut state = load_record(record, device_key.key(), program_id)?;
    if state.status != COMMITTED {
        return Err(fail(CapacityError::NoOpenChallenge));
    }
    let clock = Clock::get()?;
    if state.overdue(clock.slot) {
        return Err(fail(CapacityError::DeadlinePassed));
    }
    let Some(check_hash) = slot_hash(slot_hashes, state.commit_slot)? else {
        return Err(fail(CapacityError::ChecksNotReady));
    };
    let (n, k, seed, root) = (state.n, state.k, state.seed, state.root);
    let mut mask = state.proved_mask;
    let mut fault = false;
    parse_entries(data, n, |proved| {
        let bit = 1u64 << (proved.m & 63);
        if proved.m as u64 >= k || mask & bit != 0 {
            return Err(fail(CapacityError::InvalidProof));
        }
        let (i, j) = pow::checked_entry(&check_hash, &seed, n, proved.m);
        if !pow::verify_path(&root, i * n + j, proved.value, proved.path) {
            return Err(fail(CapacityError::InvalidProof));
        }
        if proved.value != pow::entry(&seed, n, i, j) {
            fault = true;
            return Ok(false);
        }
        mask |= bit;
        Ok(true)
    })?;
    let overflow = || fail(CapacityError::Overflow);
    if fault {
        state.status = FAULT;
        state.closed_slot = clock.slot;
        state.faults = state.faults.checked_add(1).ok_or_else(overflow)?;
        log_outcome("capacity: proven fault, device ineligible", &state);
        return Ok(());
    }
    state.proved_mask = mask;
    if mask == (1u64 << k) - 1 {
        state.status = PASSED;
        state.closed_slot = clock.slot;
        state.passes = state.passes.checked_add(1).ok_or_else(overflow)?;
        state.last_pass_slot = clock.slot;
        state.last_pass_ts = clock.unix_timestamp;
        log_outcome("capacity: challenge passed", &state);
    }
    Ok(())
}
