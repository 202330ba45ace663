//! `assign_checker`: anyone fills the audit's first empty slot (below `needed`) with the
//! checker its seed picks: pick number `draws` is `sha256(seed || draws LE)`, weighted by stake
//! among the registry's checkers that run the job's GPU class, registered before the audit's seed
//! slot and not gone before it, are not its worker and are not on (or excluded from) the audit.
//! The caller passes the picked owner's Checker and its staking co-stake position address on the
//! job's device (which may not exist); a co-staker of the device, or a checker gone since the seed
//! slot, is skipped (excluded, `draws` + 1, nothing else). An assigned checker must answer by
//! now + `verdict_seconds`.
//!
//! With no eligible checker, a sampled audit ends (the job is attested again, `audit` = 3, and
//! settles as today; the Audit closes, rent to its payer) and a 3-checker audit is marked
//! exhausted: the verdicts in decide (see `audit::Audit::decision`).
//!
//! A challenge's audit is seeded here, from its seed slot's hash (`DrawTooEarly` before that slot
//! is complete); if that hash has left SlotHashes the seed slot moves to the next slot, so the
//! pick stays unknown to whoever calls.

use ionet_sdk::account::RefMut;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::{slot_hash, Clock};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult};

use super::checkers::{load_audit, load_checker_of, load_registry};
use super::costake::is_costaker;
use super::shared::{close_account, load_job, now, overflow};
use super::Context;
use crate::audit;
use crate::audit_state::Audit;
use crate::error::JobsError;
use crate::events;
use crate::state::{Job, JobState, JobsConfig, AUDIT_NO_CHECKER};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, audit_account, audit_payer, registry, checker, costake, slot_hashes, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let mut state = load_job(job, program_id, JobState::Audited)?;
    let mut a = load_audit(audit_account, job.key(), program_id)?;
    if a.seeded == 0 {
        let current = Clock::get()?.slot;
        match slot_hash(slot_hashes, a.seed_slot)? {
            Some(hash) => {
                a.seed = audit::seed(&hash, job.key());
                a.seeded = 1;
            }
            None if current <= a.seed_slot => return Err(fail(JobsError::DrawTooEarly)),
            None => {
                a.seed_slot = current.checked_add(1).ok_or_else(overflow)?;
                log::log("audit seed slot expired: moved to the next slot");
                return Ok(());
            }
        }
    }
    let Some(slot) = a.empty_slot() else {
        return Err(fail(JobsError::NoEmptySlot));
    };
    let reg = load_registry(registry, program_id)?;
    let pick = reg.pick(&a, state.gpu_class, &state.worker);
    drop(reg);
    let Some(entry) = pick else {
        return no_checker(
            &mut state,
            a,
            audit_account,
            audit_payer,
            cfg.verdict_seconds,
        );
    };
    let owner = entry.owner;
    a.draws = a.draws.checked_add(1).ok_or_else(overflow)?;
    // Gone since the seed slot (left, or dropped below the minimum stake): skipped, so that
    // leaving cannot move the pick onto another checker.
    let gone = entry.until_slot != 0;
    if !gone {
        // The Checker passed must be the pick's (checked before the co-stake PDA).
        load_checker_of(checker, &owner, program_id)?;
    }
    if gone || is_costaker(costake, &state.device_key, &owner, &cfg.staking_program)? {
        events::checker_skipped(state.id, &owner);
        if !a.exclude(&owner) {
            // No room left to remember exclusions: treat the rest as unavailable.
            return no_checker(
                &mut state,
                a,
                audit_account,
                audit_payer,
                cfg.verdict_seconds,
            );
        }
        return Ok(());
    }
    let mut picked = load_checker_of(checker, &owner, program_id)?;
    let deadline = audit::verdict_deadline(
        now()?,
        cfg.verdict_seconds,
        state.started_ts,
        state.ended_ts,
        state.max_duration_seconds,
    )
    .ok_or_else(overflow)?;
    a.checkers[slot] = owner;
    a.deadlines[slot] = deadline;
    a.verdicts[slot] = 0;
    a.results[slot] = [0; 32];
    a.commitments[slot] = [0; 32];
    a.seen[slot] = 0;
    picked.open_audits = picked.open_audits.checked_add(1).ok_or_else(overflow)?;
    events::checker_assigned(state.id, &owner, slot as u8, deadline);
    Ok(())
}

/// No eligible checker for the empty slot: a 3-checker audit is marked exhausted (the verdicts
/// in decide; the committed slots may reveal from now); a sampled one ends, the job attested again (it settles as today) and the Audit
/// closed, its rent to its payer.
#[inline(always)]
fn no_checker(
    state: &mut Job,
    mut a: RefMut<Audit>,
    audit_account: &AccountInfo,
    audit_payer: &AccountInfo,
    verdict_seconds: i64,
) -> ProgramResult {
    if a.needed > 1 {
        a.exhausted = 1;
        log::log("no eligible checker left: the verdicts in decide");
        // The committed slots no longer wait for the empty one: their reveals open now.
        return a.open_reveals(now()?, verdict_seconds).ok_or_else(overflow);
    }
    audit_payer.check_recorded(&a.payer, JobsError::WrongOwner)?;
    audit_payer.check_writable()?;
    state.state = JobState::Attested as u8;
    state.audit = AUDIT_NO_CHECKER;
    log::log("no eligible checker: the audit ends");
    drop(a);
    close_account(audit_account, audit_payer)
}
