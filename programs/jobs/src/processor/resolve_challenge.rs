//! `resolve_challenge(fraud)`: the arbiter decides a challenged job.
//! - fraud: the buyer gets the whole escrow back, the challenger its bond, and the fraud
//!   penalty is slashed from the device through the staking program (the paid share to
//!   `beneficiary`, the challenger's IO account);
//! - no fraud: the job settles as `settle_job` would, and the bond goes to the worker.
//!
//! Either way the job and escrow close, their rent returned to the buyer, and the device's stake
//! reserve for the job is released (a fraud slash takes at most that reserve). Only until the
//! job's resolution deadline; after it, `lapse_challenge` applies the default outcome.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::payout::Escrow;
use super::settle_job::{Bond, Settle};
use super::shared::{check_token_program, load_job, now};
use super::slash::{Reserve, Slash};
use super::Context;
use crate::error::JobsError;
use crate::events::{JobClosed, Outcome};
use crate::instruction::Args;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [arbiter, config, job, escrow, payee, treasury, buyer_token, buyer, challenger_token, token_program, staking_program, staking_config, device, _stake_vault, _io_mint, beneficiary, _emission_program, _emission_state, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let fraud = match args.u8()? {
        0 => false,
        1 => true,
        _ => return Err(ProgramError::InvalidInstructionData),
    };
    args.finish()?;
    arbiter.check_signer()?;
    let cfg = JobsConfig::load(config, program_id)?;
    if cfg.arbiter == [0; 32] {
        return Err(fail(JobsError::NoArbiter));
    }
    if arbiter.key() != &cfg.arbiter {
        log::log_pubkey(arbiter.key());
        return Err(fail(JobsError::NotArbiter));
    }
    let state = load_job(job, program_id, JobState::Challenged)?;
    if now()? > state.resolve_by_ts {
        return Err(fail(JobsError::ResolutionDeadlinePassed));
    }
    let settle = Settle::new(job, escrow, payee, treasury, buyer_token, buyer);
    settle.check(&cfg, &state)?;
    settle.check_challenger_token(challenger_token, &state)?;
    check_token_program(token_program)?;
    let (bond, reserved, config_bump) = (state.bond, state.stake_reserved, cfg.bump);

    if !fraud {
        let stake = Reserve::new(
            staking_program,
            config,
            staking_config,
            device,
            accounts.get(18),
        );
        let bond = Bond::ToWorker(bond);
        return settle.settle_ran(&stake, cfg, state, bond, Outcome::ChallengeRejected);
    }
    let slash = Slash::at(config, accounts, 9, staking_state::OUTCOME_FRAUD)?;
    slash.check(&cfg.staking_program, &state.device)?;
    check_token_account_mint_owner::<JobsError>(beneficiary, &cfg.io_mint, &state.challenger)?;
    let id = state.id;
    let escrow = Escrow::of(job, escrow, buyer, buyer_token, &state);
    let penalty = cfg.fraud_penalty;
    drop((cfg, state));
    let refunded = escrow.release(&[(challenger_token, bond)])?;
    let slashed = slash.release_and_slash(reserved, penalty, config_bump)?;
    JobClosed {
        job_id: id,
        outcome: Outcome::Fraud,
        paid: 0,
        fee: 0,
        refunded,
        bond,
        slashed,
    }
    .emit();
    Ok(())
}
