//! `cancel_job`: the buyer takes back an unclaimed job: the whole escrow is refunded and the
//! rent of the job and escrow accounts returns to the buyer.

use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{ProgramError, ProgramResult};

use super::payout::Escrow;
use super::shared::{check_buyer, check_token_program, load_job};
use super::Context;
use crate::error::JobsError;
use crate::events::{JobClosed, Outcome};
use crate::state::JobState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [buyer, job, escrow, buyer_token, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let state = load_job(job, program_id, JobState::Open)?;
    buyer.check_signer()?;
    check_buyer(buyer, &state)?;
    escrow.check_recorded(&state.escrow, JobsError::WrongVault)?;
    check_token_account_mint_owner::<JobsError>(buyer_token, &state.mint, &state.buyer)?;
    check_token_program(token_program)?;
    let id = state.id;
    let escrow = Escrow::of(job, escrow, buyer, buyer_token, &state);
    drop(state);
    let refunded = escrow.release(&[])?;
    JobClosed {
        job_id: id,
        outcome: Outcome::Cancelled,
        paid: 0,
        fee: 0,
        refunded,
        bond: 0,
        slashed: 0,
    }
    .emit();
    Ok(())
}
