//! `draw_audit`: anyone decides whether an attested job is audited, once the slot after its
//! attestation is complete and before its challenge window ends. That slot's hash (SlotHashes),
//! unknown when the worker attested, seeds the draw: `sha256("ionet-audit" || hash || job)`;
//! the job is selected iff the seed's first 8 bytes (LE) mod 10000 are below `audit_rate_bps`.
//! Selected: the job goes under audit and its Audit is created at the seeded address of
//! `"audit"` under the job (`payer` pays the rent, returned when the audit closes). Not
//! selected: the job settles as today. Once per job (`AlreadyDrawn`); exempt and failed jobs are
//! never drawn; a job whose seed slot has left SlotHashes can no longer be drawn (`DrawExpired`)
//! and settles as today.

use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::checkers::{open_audit, seed_hash, NewAudit};
use super::shared::{now, overflow};
use super::Context;
use crate::audit;
use crate::audit_state::REASON_SAMPLED;
use crate::error::JobsError;
use crate::events;
use crate::state::{Job, JobState, JobsConfig, AUDIT_NOT_DRAWN, AUDIT_NOT_SELECTED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, config, job, audit_account, slot_hashes, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    payer.check_signer()?;
    payer.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let rate = JobsConfig::load(config, program_id)?.audit_rate_bps;
    if job.data_is_empty() {
        log::log_pubkey(job.key());
        return Err(fail(JobsError::JobNotFound));
    }
    let mut state = Job::load_mut(job, program_id)?;
    if state.audit_exempt != 0 || state.failed != 0 {
        return Err(fail(JobsError::AuditExempt));
    }
    if state.audit != AUDIT_NOT_DRAWN {
        return Err(fail(JobsError::AlreadyDrawn));
    }
    if state.state() != Some(JobState::Attested) {
        return Err(fail(JobsError::WrongJobState));
    }
    if now()? >= state.window_end_ts {
        return Err(fail(JobsError::WindowClosed));
    }
    let seed_slot = state.attested_slot.checked_add(1).ok_or_else(overflow)?;
    let seed = audit::seed(&seed_hash(slot_hashes, seed_slot)?, job.key());
    let selected = audit::selected(&seed, rate);
    if selected {
        let new = NewAudit {
            needed: 1,
            reason: REASON_SAMPLED,
            seed: Some(seed),
            seed_slot,
        };
        let id = state.id;
        open_audit(audit_account, job, payer, state, new, program_id)?;
        events::audit_drawn(id, true);
    } else {
        state.audit = AUDIT_NOT_SELECTED;
        events::audit_drawn(state.id, false);
    }
    Ok(())
}
