//! `settle_audited`: anyone, once an audit's verdicts say the attestation is honest (the one
//! checker of a sampled audit matched, or two of three did, or all three voted and no two
//! mismatches agree on a digest; see `audit::Audit::decision`). The
//! job settles as `settle_job` would, without waiting for its window: the worker is paid, the
//! fee's `audit_fee_bps` share goes in equal parts to the matching checkers' token accounts in the
//! job's mint (the rest, and any rounding, to the treasury), the buyer gets the rest and the
//! rent. A challenge bond goes to the worker (back to the challenger when no checker answered).
//! When a checker matched, each mismatching checker (its digest shared by no other) loses
//! `min(checker_minority_penalty, stake)` to the matching checkers' rewards. The device's reserve is released and the Audit closes (rent to its payer).
//!
//! After the named accounts: each filled slot's Checker then a token account of its owner in the
//! job's mint, in slot order; then the device's co-staking offer when it has one.

use ionet_sdk::error::fail;
use ionet_sdk::math::{checked_mul, mul_div};
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult};

use super::checkers::{load_audit, load_registry_mut};
use super::panel::{Outcome as PanelOutcome, Panel};
use super::payout::Escrow;
use super::settle_job::{run_outcome, Settle};
use super::shared::{check_token_program, close_account, load_job, overflow};
use super::slash::Reserve;
use super::Context;
use crate::audit::Decision;
use crate::audit_state::{AUDIT_SLOTS, VERDICT_MATCH};
use crate::error::JobsError;
use crate::events::{JobClosed, Outcome};
use crate::money::BPS;
use crate::state::{JobState, JobsConfig};

/// Named accounts before the checkers'.
const NAMED: usize = 15;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, audit_account, audit_payer, escrow, payee, treasury, buyer_token, buyer, challenger_token, registry, token_program, staking_program, staking_config, device, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_job(job, program_id, JobState::Audited)?;
    let a = load_audit(audit_account, job.key(), program_id)?;
    if a.decision() != Decision::Honest {
        return Err(fail(JobsError::AuditUndecided));
    }
    let settle = Settle::new(job, escrow, payee, treasury, buyer_token, buyer);
    settle.check(&cfg, &state)?;
    let challenged = state.challenger != [0; 32];
    if challenged {
        check_token_account_mint_owner::<JobsError>(
            challenger_token,
            &state.mint,
            &state.challenger,
        )?;
    }
    audit_payer.check_recorded(&a.payer, JobsError::WrongOwner)?;
    audit_payer.check_writable()?;
    check_token_program(token_program)?;
    let mut reg = load_registry_mut(registry, program_id)?;
    let rest = accounts.get(NAMED..).unwrap_or(&[]);
    let panel = Panel::read(&a, rest, true, program_id)?;
    panel.check_tokens(VERDICT_MATCH, &state.mint)?;
    let stake = Reserve::new(
        staking_program,
        config,
        staking_config,
        device,
        rest.get(panel.next),
    );
    stake.check(&cfg.staking_program, &state.device)?;

    let payment = settle.payment(&state)?;
    let split = payment.split;
    let winners = panel.with(VERDICT_MATCH).count() as u64;
    let share = mul_div(split.fee, cfg.audit_fee_bps, BPS)
        .ok_or_else(overflow)?
        .checked_div(winners)
        .unwrap_or(0);
    let to_checkers = checked_mul(share, winners).ok_or_else(overflow)?;
    let to_treasury = split.fee.checked_sub(to_checkers).ok_or_else(overflow)?;
    let (to_worker, bond_back) = match (challenged, winners > 0) {
        (false, _) => (split.paid, 0),
        (true, true) => (split.paid.checked_add(state.bond).ok_or_else(overflow)?, 0),
        (true, false) => (split.paid, state.bond),
    };
    let mut payments: [(&AccountInfo, u64); AUDIT_SLOTS + 3] = [(payee, 0); AUDIT_SLOTS + 3];
    payments[0] = (payee, to_worker);
    payments[1] = (treasury, to_treasury);
    payments[2] = (challenger_token, bond_back);
    let mut n = 3;
    for slot in panel.with(VERDICT_MATCH) {
        payments[n] = (panel.tokens[slot].ok_or_else(overflow)?, share);
        n += 1;
    }
    let escrow = Escrow::of(job, escrow, buyer, buyer_token, &state);
    let (reserved, run, bump) = (state.stake_reserved, run_outcome(&state), cfg.bump);
    let outcome = PanelOutcome {
        credit: 0,
        penalty: cfg.checker_minority_penalty,
        min_stake: cfg.min_checker_stake,
        job_id: state.id,
    };
    let bond = state.bond;
    drop((cfg, state, a));

    let refunded = escrow.release(&payments[..n])?;
    JobClosed {
        job_id: payment.id,
        outcome: Outcome::Audited,
        paid: split.paid,
        fee: split.fee,
        refunded,
        bond,
        slashed: 0,
    }
    .emit();
    stake.release(reserved, run, bump)?;
    panel.close(outcome, &mut reg, program_id)?;
    close_account(audit_account, audit_payer)
}
