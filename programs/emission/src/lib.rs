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
pub mod spl;
pub mod staking;
pub mod state;

use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::EmissionError;
use crate::instruction as ix;

#[cfg(not(feature = "no-entrypoint"))]
ionet_sdk::entrypoint!(process_instruction);
#[cfg(not(feature = "no-entrypoint"))]
ionet_sdk::ionet_security_txt!();

/// Dispatches on the 8-byte Anchor instruction discriminator. Inlined into the entrypoint: as a
/// call of its own its result would be returned through memory, a sixth argument SBPF lacks.
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
        ix::CRANK => crank::process(&ctx),
        ix::BURN => burn::process(&ctx),
        ix::UPDATE_PARAMS => update_params::process(&ctx),
        ix::CHECK_PARAMS => check_params::process(&ctx),
        ix::INITIALIZE => initialize::process(&ctx),
        ix::HEARTBEAT => heartbeat::process(&ctx),
        ix::CLAIM_SUPPLIER_REWARD => claim_supplier_reward::process(&ctx),
        ix::SWEEP_SUPPLIER_POOL => sweep_supplier_pool::process(&ctx),
        ix::BURN_SLASH => burn_slash::process(&ctx),
        ix::SET_CAPACITY_PROGRAM => set_capacity_program::process(&ctx),
        ix::CLAIM_SHARED_SUPPLIER_REWARD => claim_shared_supplier_reward::process(&ctx),
        _ => Err(fail(EmissionError::UnknownInstruction)),
    }
}
