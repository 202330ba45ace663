//! The ionet governance program: IO stakers propose parameter changes of the protocol's
//! programs, vote with their active stake (one vote per stake position, locked in staking until
//! voting ends), and anyone executes a succeeded proposal after its timelock: each action is a
//! CPI signed by the governance PDA `["governance"]`, the update authority of staking, jobs and
//! emission after set-up.
//!
//! Accounts, instructions and errors are described byte for byte by
//! `programs-idl/governance.json`; the Go client in `client/governance` is generated from it.
// no_std on SBPF; the host build (unit tests) links std, which brings the panic handler.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod error;
pub mod instruction;
pub mod processor;
pub mod staking_view;
pub mod state;

use crate::error::GovernanceError;
use crate::instruction as ix;
use crate::processor::*;

ionet_sdk::program! {
    unknown: GovernanceError::UnknownInstruction,
    ix::CAST_VOTE => cast_vote::process,
    ix::CREATE_PROPOSAL => create_proposal::process,
    ix::FINALIZE => finalize::process,
    ix::EXECUTE => execute::process,
    ix::CANCEL => cancel::process,
    ix::UPDATE_CONFIG => update_config::process,
    ix::INITIALIZE => initialize::process,
}
