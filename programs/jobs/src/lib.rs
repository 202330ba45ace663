//! The ionet jobs program: buyers escrow IO or USDC for GPU jobs; devices staked in the staking
//! program claim them, attest the run with their ed25519 key, and are paid per second after a
//! challenge window; unclaimed jobs can be cancelled, abandoned ones expired (with a slash), and
//! disputed ones resolved by an arbiter (or, past the resolution deadline, by a default outcome
//! anyone applies). Each claim reserves the job's worst-case penalty in the device's stake until
//! the job ends. Staked checkers re-run a random share of attested jobs (`audit`, drawn from the
//! SlotHashes sysvar) and a majority of three decides a mismatch; the arbiter remains only for
//! jobs whose specs opt out of re-execution.
//!
//! Accounts, instructions and errors are described byte for byte by `programs-idl/jobs.json`;
//! the Go client in `client/jobs` is generated from it.
// no_std on SBPF; the host build (unit tests) links std, which brings the panic handler.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod attestation;
pub mod audit;
pub mod audit_state;
pub mod error;
pub mod events;
pub mod instruction;
pub mod money;
pub mod processor;
pub mod state;

use crate::error::JobsError;
use crate::instruction as ix;
use crate::processor::*;

ionet_sdk::program! {
    unknown: JobsError::UnknownInstruction,
    ix::CREATE_JOB => create_job::process,
    ix::CLAIM_JOB => claim_job::process,
    ix::SUBMIT_ATTESTATION => submit_attestation::process,
    ix::ATTEST_FAILURE => attest_failure::process,
    ix::PUBLISH_SPEC => publish_spec::process,
    ix::CLOSE_SPEC => close_spec::process,
    ix::EXTEND_JOB => extend_job::process,
    ix::SETTLE_JOB => settle_job::process,
    ix::CANCEL_JOB => cancel_job::process,
    ix::EXPIRE_JOB => expire_job::process,
    ix::CHALLENGE_JOB => challenge_job::process,
    ix::RESOLVE_CHALLENGE => resolve_challenge::process,
    ix::LAPSE_CHALLENGE => lapse_challenge::process,
    ix::UPDATE_PARAMS => update_params::process,
    ix::CHECK_PARAMS => check_params::process,
    ix::INITIALIZE => initialize::process,
    ix::REGISTER_CHECKER => register_checker::process,
    ix::LEAVE_CHECKERS => leave_checkers::process,
    ix::WITHDRAW_CHECKER => withdraw_checker::process,
    ix::CLAIM_CHECKER_REWARDS => claim_checker_rewards::process,
    ix::DRAW_AUDIT => draw_audit::process,
    ix::ASSIGN_CHECKER => assign_checker::process,
    ix::SUBMIT_VERDICT => submit_verdict::process,
    ix::REVEAL_VERDICT => reveal_verdict::process,
    ix::ESCALATE_AUDIT => escalate_audit::process,
    ix::REPLACE_CHECKER => replace_checker::process,
    ix::SETTLE_AUDITED => settle_audited::process,
    ix::CONVICT_AUDITED => convict_audited::process,
}
