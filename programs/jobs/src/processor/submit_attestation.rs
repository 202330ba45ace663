//! `submit_attestation(result_hash, started_ts, ended_ts, metrics_digest)`: records the device's
//! signed account of the run and opens the challenge window. Anyone may submit it: what counts
//! is the device key's signature, which the instruction before this one (the ed25519
//! precompile) verified over the canonical message (see `attestation`). It must land by the
//! job's deadline plus the expiry grace: from then on the job can only expire, so attestation and
//! expiry never race.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{load_job, now, overflow};
use super::Context;
use crate::attestation::{check_signed, times_invalid, Attestation};
use crate::error::JobsError;
use crate::events;
use crate::instruction::Args;
use crate::state::{Job, JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, instructions_sysvar, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let attestation = parse(data)?;
    let (window, grace) = {
        let cfg = JobsConfig::load(config, program_id)?;
        (cfg.challenge_window_seconds, cfg.expiry_grace_seconds)
    };
    let mut state = load_job(job, program_id, JobState::Claimed)?;
    let now = verify(&state, &attestation, grace)?;
    check_signed(
        instructions_sysvar,
        &state.device_key,
        &attestation.message(job.key(), state.id),
    )?;
    record(&mut state, &attestation, now, window)?;
    events::job_attested(
        state.id,
        &state.result_hash,
        state.started_ts,
        state.ended_ts,
    );
    Ok(())
}

/// The attestation in the instruction data (`result_hash, started_ts, ended_ts, metrics_digest`).
pub(super) fn parse(data: &[u8]) -> Result<Attestation, ProgramError> {
    let mut args = Args::new(data);
    let attestation = Attestation {
        result_hash: *args.bytes::<32>()?,
        started_ts: args.i64()?,
        ended_ts: args.i64()?,
        metrics_digest: *args.bytes::<32>()?,
    };
    args.finish()?;
    Ok(attestation)
}

/// Checks a claimed job's attestation is in time (by the deadline plus grace) with times within
/// claim..now, and returns the chain time. The caller checks the signature of its message.
pub(super) fn verify(
    state: &Job,
    attestation: &Attestation,
    grace: i64,
) -> Result<i64, ProgramError> {
    let now = now()?;
    if now > state.attest_by(grace).ok_or_else(overflow)? {
        return Err(fail(JobsError::AttestationTooLate));
    }
    if !(state.claimed_ts <= attestation.started_ts
        && attestation.started_ts <= attestation.ended_ts
        && attestation.ended_ts <= now)
    {
        return Err(times_invalid());
    }
    Ok(now)
}

/// Records the attestation and opens the challenge window.
pub(super) fn record(
    state: &mut Job,
    attestation: &Attestation,
    now: i64,
    window: i64,
) -> ProgramResult {
    state.result_hash = attestation.result_hash;
    state.metrics_digest = attestation.metrics_digest;
    state.started_ts = attestation.started_ts;
    state.ended_ts = attestation.ended_ts;
    state.window_end_ts = now.checked_add(window).ok_or_else(overflow)?;
    state.attested_slot = Clock::get()?.slot;
    state.state = JobState::Attested as u8;
    Ok(())
}
