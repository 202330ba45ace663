//! The ionet jobs program: buyers escrow IO or USDC for GPU jobs; devices staked in the staking
//! program claim them, attest the run with their ed25519 key, and are paid per second after a
//! challenge window; unclaimed jobs can be cancelled, abandoned ones expired (with a slash), and
//! disputed ones resolved by an arbiter (or, past the resolution deadline, by a default outcome
//! anyone applies). Each claim reserves the job's worst-case penalty in the device's stake until
//! the job ends.
//!
//! Accounts, instructions and errors are described byte for byte by `programs-idl/jobs.json`;
//! the Go client in `client/jobs` is generated from it.
// no_std on SBPF; the host build (unit tests) links std, which brings the panic handler.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod attestation;
pub mod error;
pub mod events;
pub mod instruction;
pub mod money;
pub mod processor;
pub mod state;

use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::JobsError;
use crate::instruction as ix;

#[cfg(not(feature = "no-entrypoint"))]
ionet_sdk::entrypoint!(process_instruction);

/// Dispatches on the 8-byte Anchor instruction discriminator. Inlined into the entrypoint so
/// each processor's result comes back in a register.
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
        ix::CREATE_JOB => create_job::process(&ctx),
        ix::CLAIM_JOB => claim_job::process(&ctx),
        ix::SUBMIT_ATTESTATION => submit_attestation::process(&ctx),
        ix::SETTLE_JOB => settle_job::process(&ctx),
        ix::CANCEL_JOB => cancel_job::process(&ctx),
        ix::EXPIRE_JOB => expire_job::process(&ctx),
        ix::CHALLENGE_JOB => challenge_job::process(&ctx),
        ix::RESOLVE_CHALLENGE => resolve_challenge::process(&ctx),
        ix::LAPSE_CHALLENGE => lapse_challenge::process(&ctx),
        ix::UPDATE_PARAMS => update_params::process(&ctx),
        ix::CHECK_PARAMS => check_params::process(&ctx),
        ix::INITIALIZE => initialize::process(&ctx),
        _ => Err(fail(JobsError::UnknownInstruction)),
    }
}
