//! Checks and effects several instructions repeat.

use ionet_sdk::account::RefMut;
use ionet_sdk::cpi::{Seed, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::token::{TokenAccount, TOKEN_PROGRAM_ID};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::JobsError;
use crate::state::{Job, JobState, CONFIG_SEED, JOB_SEED};

#[cold]
pub fn overflow() -> ProgramError {
    fail(JobsError::Overflow)
}

/// The cluster's unix time.
pub fn now() -> Result<i64, ProgramError> {
    Ok(Clock::get()?.unix_timestamp)
}

pub fn check_token_program(account: &AccountInfo) -> ProgramResult {
    account.check_program(&TOKEN_PROGRAM_ID)
}

/// A writable, initialised SPL Token account of `mint` owned by `owner`.
pub fn check_token_account(account: &AccountInfo, mint: &Pubkey, owner: &Pubkey) -> ProgramResult {
    account.check_writable()?;
    let token = TokenAccount::load(account)?;
    if token.mint() != mint {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongMint));
    }
    if token.owner() != owner {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongOwner));
    }
    Ok(())
}

/// `account` is the writable account `expected` (a vault or token account recorded earlier).
pub fn check_recorded(account: &AccountInfo, expected: &Pubkey) -> ProgramResult {
    if account.key() != expected {
        log::log_pubkey(account.key());
        return Err(fail(JobsError::WrongVault));
    }
    account.check_writable()
}

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
    let bump = [bump];
    let seeds = [Seed::new(CONFIG_SEED), Seed::new(&bump)];
    f(&[Signer::from(&seeds)])
}

/// Runs `f` with the job PDA `["job", id]` as signer (it owns the escrow).
pub fn as_job<R>(id: u64, bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    let id = id.to_le_bytes();
    let bump = [bump];
    let seeds = [Seed::new(JOB_SEED), Seed::new(&id), Seed::new(&bump)];
    f(&[Signer::from(&seeds)])
}

/// Closes the job account: its rent goes to `buyer` and its data is zeroed, so nothing can load
/// it again in this transaction and the runtime removes it afterwards.
pub fn close_job(job: &AccountInfo, buyer: &AccountInfo) -> ProgramResult {
    let rent = job.lamports();
    buyer.set_lamports(buyer.lamports().checked_add(rent).ok_or_else(overflow)?);
    job.set_lamports(0);
    job.try_borrow_mut_data()?.fill(0);
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
