//! `extend_job(extra_seconds)`: the buyer adds time to an open or running job at the same price.
//! The maximum duration grows by `extra_seconds` (to at most 366 days) and the buyer escrows the
//! difference between the new and the old quote (pay plus fees at the job's fee rate), so the
//! escrow stays exactly the quote of the new maximum and settlement's split stays exact. The
//! deadline (claim + maximum) moves with it. A claimed job past its deadline plus grace, which
//! can only expire, is not extended.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_buyer, check_token_program, now, overflow};
use super::Context;
use crate::error::JobsError;
use crate::events;
use crate::instruction::Args;
use crate::money::{self, MAX_DURATION_SECONDS};
use crate::state::{Job, JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [buyer, config, job, escrow, buyer_token, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let extra_seconds = args.u64()?;
    args.finish()?;
    buyer.check_signer()?;
    let grace = JobsConfig::load(config, program_id)?.expiry_grace_seconds;
    if job.data_is_empty() {
        return Err(fail(JobsError::JobNotFound));
    }
    let mut state = Job::load_mut(job, program_id)?;
    match state.state() {
        Some(JobState::Open) => {}
        Some(JobState::Claimed) => {
            if now()? > state.attest_by(grace).ok_or_else(overflow)? {
                return Err(fail(JobsError::AttestationTooLate));
            }
        }
        _ => return Err(fail(JobsError::WrongJobState)),
    }
    check_buyer(buyer, &state)?;
    escrow.check_recorded(&state.escrow, JobsError::WrongVault)?;
    check_token_account_mint_owner::<JobsError>(buyer_token, &state.mint, &state.buyer)?;
    check_token_program(token_program)?;
    let max = state
        .max_duration_seconds
        .checked_add(extra_seconds)
        .filter(|max| extra_seconds > 0 && *max <= MAX_DURATION_SECONDS)
        .ok_or_else(|| fail(JobsError::InvalidExtension))?;
    let quote = money::quote(state.price_per_hour, max, state.fee_bps).ok_or_else(overflow)?;
    let more = quote
        .escrow
        .checked_sub(state.escrowed)
        .ok_or_else(overflow)?;
    state.max_duration_seconds = max;
    state.escrowed = quote.escrow;
    let id = state.id;
    drop(state);
    if more > 0 {
        Transfer {
            source: buyer_token,
            destination: escrow,
            authority: buyer,
            amount: more,
        }
        .invoke()?;
    }
    events::job_extended(id, max, quote.escrow, more);
    Ok(())
}
