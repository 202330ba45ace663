//! `attest_failure(result_hash, started_ts, ended_ts, metrics_digest)`: the device's signed
//! account of a run that failed or timed out (its result hash covers the exit code, the times
//! and the logs' digests). The buyer is refunded the whole escrow at once and the device takes
//! no expiry penalty; the job is then attested as failed: its challenge window opens as for any
//! attestation (a false failure claim is challenged and ruled on like a false result), and it
//! settles paying the worker nothing (`Job::failed`). The device signs under the failure domain,
//! so a success signature cannot be passed off as a failure or the other way round. Like any
//! attestation it must land by the deadline plus the expiry grace.

use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::token::{TokenAccount, Transfer};
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{as_job, check_token_program, load_job};
use super::submit_attestation::{parse, record, verify};
use super::Context;
use crate::attestation::check_signed;
use crate::error::JobsError;
use crate::events;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, escrow, buyer_token, token_program, instructions_sysvar, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let attestation = parse(data)?;
    let (window, grace) = {
        let cfg = JobsConfig::load(config, program_id)?;
        (cfg.challenge_window_seconds, cfg.expiry_grace_seconds)
    };
    let mut state = load_job(job, program_id, JobState::Claimed)?;
    escrow.check_recorded(&state.escrow, JobsError::WrongVault)?;
    check_token_account_mint_owner::<JobsError>(buyer_token, &state.mint, &state.buyer)?;
    check_token_program(token_program)?;
    let now = verify(&state, &attestation, grace)?;
    check_signed(
        instructions_sysvar,
        &state.device_key,
        &attestation.failure_message(job.key(), state.id),
    )?;
    record(&mut state, &attestation, now, window)?;
    state.failed = 1;
    let (id, bump, device_key) = (state.id, state.bump, state.device_key);
    drop(state);

    let refunded = TokenAccount::load(escrow)?.amount();
    if refunded > 0 {
        as_job(id, bump, |signers| {
            Transfer {
                source: escrow,
                destination: buyer_token,
                authority: job,
                amount: refunded,
            }
            .invoke_signed(signers)
        })?;
    }
    events::job_failed(
        id,
        &device_key,
        refunded,
        attestation.started_ts,
        attestation.ended_ts,
    );
    Ok(())
}
