//! `reveal_verdict(digest)`: a checker that committed (`submit_verdict`) opens its commitment,
//! signed by its verdict key, once every slot the audit needs has committed and by its reveal
//! deadline: `sha256(digest || checker owner)` must be the slot's commitment. The verdict is a
//! match iff `sha256(digest)` is the job's (sealed) `result_hash`. A mismatch in a sampled
//! (1-checker) audit raises it to 3 checkers (`assign_checker` fills the two new slots; they
//! commit after this reveal, so neither counts as agreeing with it: `Audit::independent`).

use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, ProgramResult};

use super::checkers::{load_audit, seated_checker};
use super::shared::{load_job, now};
use super::Context;
use crate::audit;
use crate::audit_state::{AUDIT_SLOTS, VERDICT_COMMITTED, VERDICT_MATCH, VERDICT_MISMATCH};
use crate::error::JobsError;
use crate::events;
use crate::instruction::Args;
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
    let mut args = Args::new(data);
    let digest = *args.bytes::<32>()?;
    args.finish()?;
    verdict_key.check_signer()?;
    let state = load_job(job, program_id, JobState::Audited)?;
    let mut a = load_audit(audit_account, job.key(), program_id)?;
    let (checker, slot) = seated_checker(checker, verdict_key, &a, program_id)?;
    if a.verdicts[slot] != VERDICT_COMMITTED {
        return Err(fail(JobsError::VerdictNotCommitted));
    }
    if !a.all_committed() {
        return Err(fail(JobsError::RevealTooEarly));
    }
    if now()? > a.deadlines[slot] {
        return Err(fail(JobsError::VerdictTooLate));
    }
    if audit::commitment(&digest, &checker.owner) != a.commitments[slot] {
        return Err(fail(JobsError::RevealMismatch));
    }
    let matched = audit::opens(&digest, &state.result_hash);
    a.results[slot] = digest;
    a.verdicts[slot] = if matched {
        VERDICT_MATCH
    } else {
        VERDICT_MISMATCH
    };
    if !matched && a.needed == 1 {
        a.needed = AUDIT_SLOTS as u8;
    }
    events::verdict_submitted(state.id, &checker.owner, slot as u8, matched);
    Ok(())
}
