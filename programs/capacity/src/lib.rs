//! The ionet capacity program: proof that a device computes like the hardware it claims.
//!
//! Anyone requests a challenge for a registered device; the hash of the request's slot (unknown
//! until that slot is over) and the device key seed two n x n matrices A and B over GF(2^61 - 1)
//! (`pow`). The device computes C = A x B and commits the Merkle root of C within
//! `deadline_slots`; the hash of the commit's slot then picks k entries, which the device proves
//! with their Merkle paths within another `deadline_slots`. The program recomputes each entry
//! from the seed: a wrong one is a proven fault, recorded for good (the device is ineligible); a
//! challenge left unanswered is a miss (the device is not live until it passes again). Anyone
//! then has a faulty device's free stake slashed (`slash_fault`, through staking's `slash`). The
//! per-device record (`DeviceCapacity`) is what a reward heartbeat reads (`DeviceCapacity::is_live`).
//!
//! Accounts, instructions and errors are described byte for byte by `programs-idl/capacity.json`;
//! the Go client in `client/capacity` is generated from it.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod instruction;
pub mod pow;
pub mod processor;

// The layouts, errors and reader live in capacity-state, which other programs can depend on.
pub use capacity_state::{error, reader, state};

use crate::error::CapacityError;
use crate::instruction as ix;
use crate::processor::*;

ionet_sdk::program! {
    unknown: CapacityError::UnknownInstruction,
    ix::PROVE => prove::process,
    ix::COMMIT => commit::process,
    ix::REQUEST_CHALLENGE => request_challenge::process,
    ix::EXPIRE => expire::process,
    ix::SLASH_FAULT => slash_fault::process,
    ix::CHECK_PARAMS => check_params::process,
    ix::SET_AUTHORITY => set_authority::process,
    ix::UPDATE_PARAMS => update_params::process,
    ix::INITIALIZE => initialize::process,
}
