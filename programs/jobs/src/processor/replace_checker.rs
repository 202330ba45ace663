//! `replace_checker`: anyone, once a slot's deadline has passed without a verdict (no commitment
//! by the commit deadline, or a commitment not revealed by the reveal deadline: a committed slot
//! is replaceable only while reveals are open, so nobody loses for waiting on others): its checker
//! loses `min(checker_miss_penalty, stake)` to the IO treasury (and leaves the registry when left
//! below `min_checker_stake`), is never picked again for this audit, and the slot empties for
//! `assign_checker` to refill.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::checkers::{
    check_vault, load_audit, load_checker, load_registry_mut, pay_from_vault, penalize,
    release_checker, PenaltyOf,
};
use super::shared::{check_token_program, load_job, now};
use super::Context;
use crate::audit_state::{VERDICT_COMMITTED, VERDICT_PENDING};
use crate::error::JobsError;
use crate::events::Penalty;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, audit_account, checker, registry, checker_vault, io_treasury, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_job(job, program_id, JobState::Audited)?;
    let mut a = load_audit(audit_account, job.key(), program_id)?;
    let mut missing = load_checker(checker, program_id)?;
    let Some(slot) = a.slot_of(&missing.owner) else {
        return Err(fail(JobsError::WrongChecker));
    };
    let waiting = match a.verdicts[slot] {
        VERDICT_PENDING => true,
        VERDICT_COMMITTED => a.all_committed(),
        _ => false,
    };
    if !waiting || now()? <= a.deadlines[slot] {
        return Err(fail(JobsError::DeadlineNotPassed));
    }
    check_vault(checker_vault, &cfg)?;
    io_treasury.check_recorded(&cfg.io_treasury, JobsError::WrongVault)?;
    check_token_program(token_program)?;
    let mut reg = load_registry_mut(registry, program_id)?;
    let penalty = PenaltyOf {
        amount: cfg.checker_miss_penalty,
        min_stake: cfg.min_checker_stake,
        job_id: state.id,
        reason: Penalty::Missed,
    };
    let taken = penalize(&mut missing, &mut reg, penalty)?;
    release_checker(&mut missing)?;
    let owner = missing.owner;
    a.checkers[slot] = [0; 32];
    a.deadlines[slot] = 0;
    a.verdicts[slot] = VERDICT_PENDING;
    a.commitments[slot] = [0; 32];
    a.seen[slot] = 0;
    // When the list is full the checker may be picked again; it would only miss again.
    a.exclude(&owner);
    let bump = cfg.bump;
    drop((cfg, state, a, missing, reg));
    pay_from_vault(checker_vault, io_treasury, config, bump, taken)
}
