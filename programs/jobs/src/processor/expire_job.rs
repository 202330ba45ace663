//! `expire_job`: a claimed job with no attestation by its deadline (claim + maximum duration)
//! plus the grace period can be expired by anyone: the buyer gets the whole escrow back (and the
//! rent), the job's stake reserve is released and the expiry penalty (at most what the claim
//! reserved) is slashed from the device's stake through the staking program: half burned by
//! default, the rest paid to `beneficiary`, which must be the jobs IO treasury. Never the caller:
//! a device owner expiring its own job would otherwise win back part of its own penalty.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{ProgramError, ProgramResult};

use super::payout::Escrow;
use super::shared::{check_buyer, check_token_program, load_job, now, overflow};
use super::slash::Slash;
use super::Context;
use crate::error::JobsError;
use crate::events::{JobClosed, Outcome};
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, escrow, buyer_token, buyer, token_program, _staking_program, _staking_config, _device, _stake_vault, _io_mint, beneficiary, _emission_program, _emission_state, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_job(job, program_id, JobState::Claimed)?;
    let deadline = state
        .attest_by(cfg.expiry_grace_seconds)
        .ok_or_else(overflow)?;
    if now()? <= deadline {
        return Err(fail(JobsError::NotExpired));
    }
    escrow.check_recorded(&state.escrow, JobsError::WrongVault)?;
    check_token_account_mint_owner::<JobsError>(buyer_token, &state.mint, &state.buyer)?;
    check_buyer(buyer, &state)?;
    check_token_program(token_program)?;
    let slash = Slash::at(config, accounts, 5, staking_state::OUTCOME_EXPIRED)?;
    slash.check(&cfg.staking_program, &state.device)?;
    beneficiary.check_recorded(&cfg.io_treasury, JobsError::WrongVault)?;
    let id = state.id;
    let escrow = Escrow::of(job, escrow, buyer, buyer_token, &state);
    let (penalty, reserved, config_bump) = (cfg.expiry_penalty, state.stake_reserved, cfg.bump);
    drop((cfg, state));

    let refunded = escrow.release(&[])?;
    let slashed = slash.release_and_slash(reserved, penalty, config_bump)?;
    JobClosed {
        job_id: id,
        outcome: Outcome::Expired,
        paid: 0,
        fee: 0,
        refunded,
        bond: 0,
        slashed,
    }
    .emit();
    Ok(())
}
