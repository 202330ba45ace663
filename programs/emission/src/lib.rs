//! The ionet emission program: IO's hourly, deflationary emission schedule minted exactly by a
//! permissionless crank (staker share into the staking program's reward vault, supplier share
//! into the supplier pool, a tip to the caller out of the epoch's emission), and the burn ledger
//! that keeps `mint supply == 500,000,000 IO + emitted - burned` checkable from chain data; and
//! the liveness rewards: staked devices record one heartbeat per epoch and their owners claim the
//! epoch's supplier pool pro rata to weight.
//!
//! Accounts, instructions, errors and events are described byte for byte by
//! `programs-idl/emission.json`; the Go client in `client/emission` is generated from it.
// no_std on SBPF; the host build (unit tests) links std, which brings the panic handler.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod batch;
pub mod error;
pub mod events;
pub mod instruction;
pub mod processor;
pub mod schedule;
pub mod staking;
pub mod state;

use crate::error::EmissionError;
use crate::instruction as ix;
use crate::processor::*;

ionet_sdk::program! {
    unknown: EmissionError::UnknownInstruction,
    ix::CRANK => crank::process,
    ix::BURN => burn::process,
    ix::UPDATE_PARAMS => update_params::process,
    ix::CHECK_PARAMS => check_params::process,
    ix::INITIALIZE => initialize::process,
    ix::HEARTBEAT => heartbeat::process,
    ix::OPEN_LIVENESS => open_liveness::process,
    ix::CLAIM_SUPPLIER_REWARD => claim_supplier_reward::process,
    ix::SWEEP_SUPPLIER_POOL => sweep_supplier_pool::process,
    ix::BURN_SLASH => burn_slash::process,
    ix::SET_CAPACITY_PROGRAM => set_capacity_program::process,
    ix::CLAIM_SHARED_SUPPLIER_REWARD => claim_shared_supplier_reward::process,
}
