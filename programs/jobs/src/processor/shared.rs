//! Checks and effects several instructions repeat.

use ionet_sdk::account::RefMut;
use ionet_sdk::cpi::{with_signer, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::JobsError;
use crate::state::{Job, JobState, CONFIG_SEED, JOB_SEED};

pub use ionet_sdk::sysvar::now;
pub use ionet_sdk::token::check_token_program;

ionet_sdk::overflow_error!(JobsError::Overflow);

/// The writable job at `account`, in `state`. A closed (or never created) job is `JobNotFound`.
pub fn load_job<'a>(
    account: &'a AccountInfo,
    program_id: &Pubkey,
    state: JobState,
) -> Result<RefMut<'a, Job>, ProgramError> {
    if account.data_is_empty() {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::JobNotFound));
    }
    let job = Job::load_mut(account, program_id)?;
    if job.state() != Some(state) {
        return Err(fail(JobsError::WrongJobState));
    }
    Ok(job)
}

/// Runs `f` with the config PDA as signer (it owns the treasuries and is the staking slasher).
pub fn as_config<R>(bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    with_signer([CONFIG_SEED, &[bump]], f)
}

/// Runs `f` with the job PDA `["job", id]` as signer (it owns the escrow).
pub fn as_job<R>(id: u64, bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    with_signer([JOB_SEED, &id.to_le_bytes(), &[bump]], f)
}

/// Closes the job account: its rent goes to `buyer` and its data is zeroed, so nothing can load
/// it again in this transaction and the runtime removes it afterwards.
pub fn close_job(job: &AccountInfo, buyer: &AccountInfo) -> ProgramResult {
    close_account(job, buyer)
}

/// Closes a program-owned `account`, its rent to `to` (the same as `close_job`).
pub fn close_account(account: &AccountInfo, to: &AccountInfo) -> ProgramResult {
    let rent = account.lamports();
    to.set_lamports(to.lamports().checked_add(rent).ok_or_else(overflow)?);
    account.set_lamports(0);
    account.try_borrow_mut_data()?.fill(0);
    Ok(())
}

/// `buyer` is the job's buyer (writable: it receives the rent).
pub fn check_buyer(buyer: &AccountInfo, job: &Job) -> ProgramResult {
    if buyer.key() != &job.buyer {
        log::log_pubkey(buyer.key());
        return Err(fail(JobsError::WrongOwner));
    }
    buyer.check_writable()
}
