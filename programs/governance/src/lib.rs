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

use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::GovernanceError;
use crate::instruction as ix;

#[cfg(not(feature = "no-entrypoint"))]
ionet_sdk::entrypoint!(process_instruction);

/// Dispatches on the 8-byte Anchor instruction discriminator (inlined into the entrypoint, so
/// each processor's result comes back in a register).
#[inline(always)]
pub fn process_instruction(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    data: &[u8],
) -> ProgramResult {
    let Some((tag, args)) = data.split_first_chunk::<8>() else {
        return Err(ProgramError::InvalidInstructionData);
    };
    use processor::*;
    let ctx = Context {
        program_id,
        accounts,
        data: args,
    };
    match u64::from_le_bytes(*tag) {
        ix::CAST_VOTE => cast_vote::process(&ctx),
        ix::CREATE_PROPOSAL => create_proposal::process(&ctx),
        ix::FINALIZE => finalize::process(&ctx),
        ix::EXECUTE => execute::process(&ctx),
        ix::CANCEL => cancel::process(&ctx),
        ix::UPDATE_CONFIG => update_config::process(&ctx),
        ix::INITIALIZE => initialize::process(&ctx),
        _ => Err(fail(GovernanceError::UnknownInstruction)),
    }
}
