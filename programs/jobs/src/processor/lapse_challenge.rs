//! `lapse_challenge`: the default outcome of a challenge the arbiter did not resolve by its
//! deadline (`resolve_by_ts`, 7 days after the challenge). Anyone may apply it: the attestation
//! stands and the job settles as `settle_job` would (the worker paid, the fee to the treasury,
//! the rest and the rent to the buyer), the challenger's bond returns to it (nobody ruled against
//! it), nothing is slashed, and the device's stake reserve for the job is released. So no
//! challenge leaves an escrow or a reserve locked for ever.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::settle_job::{Bond, Settle};
use super::shared::{check_token_program, load_job, now};
use super::slash::Reserve;
use super::Context;
use crate::error::JobsError;
use crate::events::Outcome;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, escrow, payee, treasury, buyer_token, buyer, challenger_token, token_program, staking_program, staking_config, device, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_job(job, program_id, JobState::Challenged)?;
    if now()? <= state.resolve_by_ts {
        return Err(fail(JobsError::ResolutionPending));
    }
    let settle = Settle::new(job, escrow, payee, treasury, buyer_token, buyer);
    settle.check(&cfg, &state)?;
    settle.check_challenger_token(challenger_token, &state)?;
    check_token_program(token_program)?;
    let stake = Reserve::new(
        staking_program,
        config,
        staking_config,
        device,
        accounts.get(12),
    );
    let bond = Bond::Back(challenger_token, state.bond);
    settle.settle_ran(&stake, cfg, state, bond, Outcome::ChallengeLapsed)
}
