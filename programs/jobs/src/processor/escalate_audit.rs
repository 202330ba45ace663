//! `escalate_audit`: the one checker of a sampled audit, having committed a verdict that its
//! own digest tells it is a mismatch, raises the audit to 3 checkers without revealing it (signed
//! by its verdict key, by its slot's deadline). Its commitment stays sealed until the two new
//! checkers have committed too, so neither can copy its digest: all three reveal together and
//! count as independent. (Revealing a mismatch in a sampled audit also raises it, but the
//! revealed digest then never counts as agreeing with the later slots.)

use ionet_sdk::error::fail;
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::checkers::{load_audit, seated_checker};
use super::shared::{load_job, now};
use super::Context;
use crate::audit_state::{AUDIT_SLOTS, VERDICT_COMMITTED};
use crate::error::JobsError;
use crate::state::JobState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [verdict_key, job, audit_account, checker, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    verdict_key.check_signer()?;
    load_job(job, program_id, JobState::Audited)?;
    let mut a = load_audit(audit_account, job.key(), program_id)?;
    let (_, slot) = seated_checker(checker, verdict_key, &a, program_id)?;
    if a.verdicts[slot] != VERDICT_COMMITTED {
        return Err(fail(JobsError::VerdictNotCommitted));
    }
    if a.needed != 1 {
        return Err(fail(JobsError::NotSampled));
    }
    if now()? > a.deadlines[slot] {
        return Err(fail(JobsError::VerdictTooLate));
    }
    a.needed = AUDIT_SLOTS as u8;
    log::log("escalated: two more checkers commit before any reveal");
    Ok(())
}
