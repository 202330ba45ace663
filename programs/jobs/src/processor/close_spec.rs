//! `close_spec`: returns a published spec's rent to its buyer. Anyone may close it once its job
//! has closed (settled, cancelled, expired or resolved: the clients close it in the same
//! transaction); while the job exists only the buyer may (the buyer's own loss: no worker can
//! read the spec any more).

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::close_job;
use super::Context;
use crate::error::JobsError;
use crate::state::{Job, JobSpec};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [spec, job, buyer, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    spec.check_owner(program_id)?;
    spec.check_writable()?;
    {
        let data = spec.try_borrow_data()?;
        let head = data
            .get(..JobSpec::LEN)
            .and_then(JobSpec::view)
            .ok_or_else(|| JobSpec::wrong_type(spec))?;
        if head.job != *job.key() || head.buyer != *buyer.key() {
            return Err(fail(JobsError::WrongOwner));
        }
    }
    buyer.check_writable()?;
    // A job closed earlier in this transaction still has its (zeroed) data: it is a job only
    // while it holds rent and its discriminator.
    let job_open = job.is_owned_by(program_id)
        && job.lamports() > 0
        && Job::view(&job.try_borrow_data()?).is_some();
    if job_open && !buyer.is_signer() {
        return Err(fail(JobsError::SpecStillNeeded));
    }
    // The same close as a job's: rent to the buyer, data zeroed.
    close_job(spec, buyer)
}
