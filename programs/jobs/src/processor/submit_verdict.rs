//! `submit_verdict(commitment)`: the checker on a slot of the job's audit commits to its verdict,
//! signed by its verdict key, by the slot's deadline: `commitment = sha256(digest || checker
//! owner)`, `digest` the result digest its re-run computed. Nothing about the verdict is public
//! yet (and the owner in the hash makes a copied commitment unopenable by the copier). Once every
//! slot the audit needs has committed, each committed slot must reveal (`reveal_verdict`) by
//! `now + verdict_seconds` (for a sampled audit: at once after its one commitment).

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::checkers::{load_audit, seated_checker};
use super::shared::{load_job, now, overflow};
use super::Context;
use crate::audit_state::{VERDICT_COMMITTED, VERDICT_PENDING};
use crate::error::JobsError;
use crate::instruction::Args;
use crate::state::{JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [verdict_key, job, audit_account, checker, config, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let commitment = *args.bytes::<32>()?;
    args.finish()?;
    verdict_key.check_signer()?;
    let cfg = JobsConfig::load(config, program_id)?;
    load_job(job, program_id, JobState::Audited)?;
    let mut a = load_audit(audit_account, job.key(), program_id)?;
    let (_, slot) = seated_checker(checker, verdict_key, &a, program_id)?;
    if a.verdicts[slot] != VERDICT_PENDING {
        return Err(fail(JobsError::AlreadyVoted));
    }
    let now = now()?;
    if now > a.deadlines[slot] {
        return Err(fail(JobsError::VerdictTooLate));
    }
    a.commitments[slot] = commitment;
    a.verdicts[slot] = VERDICT_COMMITTED;
    a.seen[slot] = a.revealed_mask();
    a.open_reveals(now, cfg.verdict_seconds)
        .ok_or_else(overflow)?;
    Ok(())
}
