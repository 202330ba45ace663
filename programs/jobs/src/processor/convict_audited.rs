//! `convict_audited`: anyone, once two of an audit's three checkers found the same result other
//! than the attested one (two mismatches on the same digest; see `audit::Audit::decision`). As
//! `resolve_challenge(fraud)`: the buyer gets the whole escrow back (a challenger its bond), the
//! device is slashed `fraud_penalty` through the staking program (the co-stake's first-loss rule
//! applies), the slash's paid share going to the checker vault, credited to the agreeing
//! checkers' rewards with the minority's penalties (`min(checker_minority_penalty, stake)` each:
//! a match, or a mismatch on another digest). The device's reserve is released and the Audit
//! closes (rent to its payer).
//!
//! After the named accounts: each filled slot's Checker, in slot order; then the device's
//! co-staking offer when it has one.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::{check_token_account_mint_owner, TokenAccount};
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult};
use staking_state::cpi::Slash as SlashCpi;

use super::checkers::{check_vault, load_audit, load_registry_mut};
use super::panel::{Outcome as PanelOutcome, Panel};
use super::payout::Escrow;
use super::shared::{check_buyer, check_token_program, close_account, load_job, overflow};
use super::slash::Slash;
use super::Context;
use crate::audit::Decision;
use crate::error::JobsError;
use crate::events::{JobClosed, Outcome};
use crate::state::{JobState, JobsConfig};

/// Named accounts before the checkers'.
const NAMED: usize = 18;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, audit_account, audit_payer, escrow, buyer_token, buyer, challenger_token, registry, token_program, staking_program, staking_config, device, stake_vault, io_mint, checker_vault, emission_program, emission_state, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_job(job, program_id, JobState::Audited)?;
    let a = load_audit(audit_account, job.key(), program_id)?;
    if a.decision() != Decision::Fraud {
        return Err(fail(JobsError::AuditUndecided));
    }
    escrow.check_recorded(&state.escrow, JobsError::WrongVault)?;
    check_token_account_mint_owner::<JobsError>(buyer_token, &state.mint, &state.buyer)?;
    check_buyer(buyer, &state)?;
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
    check_vault(checker_vault, &cfg)?;
    let mut reg = load_registry_mut(registry, program_id)?;
    let rest = accounts.get(NAMED..).unwrap_or(&[]);
    let panel = Panel::read(&a, rest, false, program_id)?;
    let slash = Slash {
        stake: SlashCpi {
            staking_program,
            slasher: config,
            staking_config,
            device,
            stake_vault,
            io_mint,
            beneficiary: checker_vault,
            token_program,
            emission_program,
            emission_state,
            offer: rest.get(panel.next),
            slasher_entry: None,
        },
        outcome: staking_state::OUTCOME_FRAUD,
    };
    slash.check(&cfg.staking_program, &state.device)?;

    let bond = if challenged { state.bond } else { 0 };
    let escrow = Escrow::of(job, escrow, buyer, buyer_token, &state);
    let (id, reserved, penalty, bump) =
        (state.id, state.stake_reserved, cfg.fraud_penalty, cfg.bump);
    let (minority_penalty, min_stake) = (cfg.checker_minority_penalty, cfg.min_checker_stake);
    drop((state, a));

    let payments: &[(&AccountInfo, u64)] = &[(challenger_token, bond)];
    let refunded = escrow.release(payments)?;
    let before = TokenAccount::load(checker_vault)?.amount();
    drop(cfg);
    let slashed = slash.release_and_slash(reserved, penalty, bump)?;
    let credit = TokenAccount::load(checker_vault)?
        .amount()
        .checked_sub(before)
        .ok_or_else(overflow)?;
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
    let outcome = PanelOutcome {
        credit,
        penalty: minority_penalty,
        min_stake,
        job_id: id,
    };
    panel.close(outcome, &mut reg, program_id)?;
    close_account(audit_account, audit_payer)
}
