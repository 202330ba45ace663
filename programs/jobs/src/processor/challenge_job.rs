//! `challenge_job(bond)`: during the challenge window the buyer, or a staked checker (a staking
//! position with at least the configured active stake), disputes an attestation by adding a
//! bond to the escrow, in the job's mint. A job that is not audit-exempt goes to a 3-checker
//! audit (its Audit created at the seeded address of `"audit"` under the job, the challenger
//! paying the rent, seeded by the next slot's hash):
//! the checkers' majority decides (`settle_audited`, `convict_audited`). An exempt job goes to the
//! arbiter, who resolves it within `RESOLUTION_WINDOW_SECONDS` (7 days); after that anyone
//! applies the default outcome.

use ionet_sdk::error::fail;
use ionet_sdk::math::mul_div_ceil;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::token::Transfer;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};
use staking_state::StakePosition;

use super::checkers::{open_audit, NewAudit};
use super::shared::{check_token_program, load_job, overflow};
use super::Context;
use crate::audit_state::{AUDIT_SLOTS, REASON_BUYER, REASON_CHECKER};
use crate::error::JobsError;
use crate::events;
use crate::instruction::{Args, RESOLUTION_WINDOW_SECONDS};
use crate::money::BPS;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [challenger, config, job, escrow, challenger_token, position, token_program, audit, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let bond = args.u64()?;
    args.finish()?;
    challenger.check_signer()?;
    let cfg = JobsConfig::load(config, program_id)?;
    let mut state = load_job(job, program_id, JobState::Attested)?;
    // One clock read: the time for the window, the slot for an audit's seed.
    let clock = Clock::get()?;
    let now = clock.unix_timestamp;
    if now >= state.window_end_ts {
        return Err(fail(JobsError::WindowClosed));
    }
    let min_bond = mul_div_ceil(state.escrowed, cfg.min_bond_bps, BPS).ok_or_else(overflow)?;
    if bond == 0 || bond < min_bond {
        return Err(fail(JobsError::BondTooSmall));
    }
    if challenger.key() != &state.buyer {
        check_checker(position, challenger.key(), &cfg)?;
    }
    escrow.check_recorded(&state.escrow, JobsError::WrongVault)?;
    check_token_account_mint_owner::<JobsError>(challenger_token, &state.mint, challenger.key())?;
    check_token_program(token_program)?;

    state.challenger = *challenger.key();
    state.bond = bond;
    let id = state.id;
    if state.audit_exempt == 0 {
        // Checkers decide: a 3-checker audit, seeded by the next slot's hash.
        challenger.check_writable()?;
        system_program.check_program(&SYSTEM_PROGRAM_ID)?;
        let reason = if challenger.key() == &state.buyer {
            REASON_BUYER
        } else {
            REASON_CHECKER
        };
        let new = NewAudit {
            needed: AUDIT_SLOTS as u8,
            reason,
            seed: None,
            seed_slot: clock.slot.checked_add(1).ok_or_else(overflow)?,
        };
        drop(cfg);
        open_audit(audit, job, challenger, state, new, program_id)?;
    } else {
        state.resolve_by_ts = now
            .checked_add(RESOLUTION_WINDOW_SECONDS)
            .ok_or_else(overflow)?;
        state.state = JobState::Challenged as u8;
        drop((cfg, state));
    }
    Transfer {
        source: challenger_token,
        destination: escrow,
        authority: challenger,
        amount: bond,
    }
    .invoke()?;
    events::job_challenged(id, challenger.key(), bond);
    Ok(())
}

/// `position` is `checker`'s staking position with at least the configured active stake.
fn check_checker(position: &AccountInfo, checker: &Pubkey, cfg: &JobsConfig) -> ProgramResult {
    let staked = staking_state::load::<StakePosition>(position, &cfg.staking_program, not_checker)?;
    if &staked.owner != checker || staked.active == 0 || staked.active < cfg.min_checker_stake {
        log::log_pubkey(position.key());
        return Err(not_checker());
    }
    Ok(())
}

#[cold]
fn not_checker() -> ProgramError {
    fail(JobsError::NotChecker)
}
