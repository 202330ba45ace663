//! Checks and effects the checker and audit instructions share: loading Checker, registry and
//! Audit accounts, paying out of the checker vault, penalising a checker, closing its slot.

use ionet_sdk::account::{Ref, RefMut};
use ionet_sdk::error::fail;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::{slot_hash, Clock};
use ionet_sdk::token::Transfer;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::shared::{as_config, as_job, overflow};
use crate::audit_state::{Audit, Checker, CheckerRegistry};
use crate::error::JobsError;
use crate::events::{self, Penalty};
use crate::state::{Job, JobState, JobsConfig, AUDIT_TAG, AUDIT_UNDER_AUDIT};

/// The writable Checker at `account`, which must be `owner`'s (a Checker only exists at its
/// owner's seeded address, so the owner it records names its address).
pub fn load_checker_of<'a>(
    account: &'a AccountInfo,
    owner: &Pubkey,
    program_id: &Pubkey,
) -> Result<RefMut<'a, Checker>, ProgramError> {
    let checker = load_checker(account, program_id)?;
    if &checker.owner != owner {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongChecker));
    }
    Ok(checker)
}

/// The writable Checker at `account`.
pub fn load_checker<'a>(
    account: &'a AccountInfo,
    program_id: &Pubkey,
) -> Result<RefMut<'a, Checker>, ProgramError> {
    if account.data_is_empty() || !account.is_owned_by(program_id) {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongChecker));
    }
    Checker::load_mut(account, program_id)
}

/// The Checker at `account` (read-only) that holds a slot of audit `a`, with `verdict_key` its
/// verdict key: the checker and its slot. What every verdict instruction checks first.
#[inline(always)]
pub fn seated_checker<'a>(
    account: &'a AccountInfo,
    verdict_key: &AccountInfo,
    a: &Audit,
    program_id: &Pubkey,
) -> Result<(Ref<'a, Checker>, usize), ProgramError> {
    if account.data_is_empty() || !account.is_owned_by(program_id) {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongChecker));
    }
    let checker = Checker::load(account, program_id)?;
    let Some(slot) = a.slot_of(&checker.owner) else {
        log::log_pubkey(&checker.owner);
        return Err(fail(JobsError::WrongChecker));
    };
    if verdict_key.key() != &checker.verdict_key {
        log::log_pubkey(verdict_key.key());
        return Err(fail(JobsError::WrongVerdictKey));
    }
    Ok((checker, slot))
}

/// The registry (the one CheckerRegistry, created by `initialize`), writable.
pub fn load_registry_mut<'a>(
    account: &'a AccountInfo,
    program_id: &Pubkey,
) -> Result<RefMut<'a, CheckerRegistry>, ProgramError> {
    CheckerRegistry::load_mut(account, program_id)
}

/// The registry, read-only.
pub fn load_registry<'a>(
    account: &'a AccountInfo,
    program_id: &Pubkey,
) -> Result<Ref<'a, CheckerRegistry>, ProgramError> {
    CheckerRegistry::load(account, program_id)
}

/// The writable Audit of the job at `job` (an Audit only exists at its job's seeded address, so
/// the job it records names its address).
pub fn load_audit<'a>(
    account: &'a AccountInfo,
    job: &Pubkey,
    program_id: &Pubkey,
) -> Result<RefMut<'a, Audit>, ProgramError> {
    if account.data_is_empty() || !account.is_owned_by(program_id) {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongAudit));
    }
    let audit = Audit::load_mut(account, program_id)?;
    if &audit.job != job {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongAudit));
    }
    Ok(audit)
}

/// `vault` is the config's checker vault.
pub fn check_vault(vault: &AccountInfo, cfg: &JobsConfig) -> ProgramResult {
    vault.check_recorded(&cfg.checker_vault, JobsError::WrongVault)
}

/// Moves `amount` out of the checker vault (the config PDA signs) to `destination`.
#[inline(always)]
pub fn pay_from_vault(
    vault: &AccountInfo,
    destination: &AccountInfo,
    config: &AccountInfo,
    config_bump: u8,
    amount: u64,
) -> ProgramResult {
    if amount == 0 {
        return Ok(());
    }
    as_config(config_bump, |signers| {
        Transfer {
            source: vault,
            destination,
            authority: config,
            amount,
        }
        .invoke_signed(signers)
    })
}

/// What a penalty takes and why.
pub struct PenaltyOf {
    pub amount: u64,
    /// `min_checker_stake`: a checker left below it leaves the registry.
    pub min_stake: u64,
    pub job_id: u64,
    pub reason: Penalty,
}

/// Takes up to `penalty.amount` of `checker`'s stake (returned) and updates its registry entry:
/// a checker left below the minimum stake is gone from the registry from this slot on (it
/// withdraws once its audits close).
#[inline(always)]
pub fn penalize(
    checker: &mut Checker,
    registry: &mut CheckerRegistry,
    penalty: PenaltyOf,
) -> Result<u64, ProgramError> {
    let PenaltyOf {
        amount: penalty,
        min_stake,
        job_id,
        reason,
    } = penalty;
    let slot = Clock::get()?.slot;
    let taken = penalty.min(checker.stake);
    checker.stake -= taken;
    registry.restake(&checker.owner, checker.stake, min_stake, slot);
    if taken > 0 {
        events::checker_penalized(job_id, &checker.owner, taken, reason);
    }
    Ok(taken)
}

/// The checker's audit is over (verdict counted, or slot emptied).
pub fn release_checker(checker: &mut Checker) -> ProgramResult {
    checker.open_audits = checker.open_audits.checked_sub(1).ok_or_else(overflow)?;
    Ok(())
}

/// The hash of `slot` from SlotHashes: `DrawTooEarly` while the slot is not complete,
/// `DrawExpired` once it has left the sysvar's 512 entries.
pub fn seed_hash(slot_hashes: &AccountInfo, slot: u64) -> Result<[u8; 32], ProgramError> {
    match slot_hash(slot_hashes, slot)? {
        Some(hash) => Ok(hash),
        None if Clock::get()?.slot <= slot => Err(fail(JobsError::DrawTooEarly)),
        None => Err(fail(JobsError::DrawExpired)),
    }
}

/// What a new audit starts with.
pub struct NewAudit {
    /// 1 (sampled) or 3 (challenged).
    pub needed: u8,
    pub reason: u8,
    /// Set by the draw; `None` for a challenge: the first `assign_checker` seeds it from
    /// `seed_slot`'s hash.
    pub seed: Option<[u8; 32]>,
    pub seed_slot: u64,
}

/// Creates the Audit of the job at `job` (its state `state`, which this takes: the job signs the
/// creation, so its data cannot stay borrowed) at the seeded address of `"audit"` under the job,
/// paid by `payer` (a pre-funded address is topped up), and puts the job under audit.
#[inline(always)]
pub fn open_audit(
    audit: &AccountInfo,
    job: &AccountInfo,
    payer: &AccountInfo,
    mut state: RefMut<Job>,
    new: NewAudit,
    program_id: &Pubkey,
) -> ProgramResult {
    state.state = JobState::Audited as u8;
    state.audit = AUDIT_UNDER_AUDIT;
    let (device, worker, id, bump) = (state.device, state.worker, state.id, state.bump);
    drop(state);
    let new_audit = new_seeded(audit, job, AUDIT_TAG, program_id)?;
    let mut a = as_job(id, bump, |signers| {
        new_audit.init::<Audit>(payer, signers.first())
    })?;
    a.job = *job.key();
    a.device = device;
    a.worker = worker;
    a.payer = *payer.key();
    if let Some(seed) = new.seed {
        a.seed = seed;
        a.seeded = 1;
    }
    a.seed_slot = new.seed_slot;
    a.needed = new.needed;
    a.reason = new.reason;
    Ok(())
}
