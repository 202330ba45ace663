//! Checks and effects the instructions share.

use ionet_sdk::cpi::{Seed, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::token::{TokenAccount, TOKEN_PROGRAM_ID};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::EmissionError;
use crate::state::STATE_SEED;

#[cold]
pub fn overflow() -> ProgramError {
    fail(EmissionError::Overflow)
}

/// The cluster's unix time.
pub fn now() -> Result<i64, ProgramError> {
    Ok(Clock::get()?.unix_timestamp)
}

/// A writable, initialised SPL Token account of `mint`; returns its owner.
pub fn check_token_account(account: &AccountInfo, mint: &Pubkey) -> Result<Pubkey, ProgramError> {
    account.check_writable()?;
    let token = TokenAccount::load(account)?;
    if token.mint() != mint {
        log::log_pubkey(account.key());
        return Err(fail(EmissionError::WrongMint));
    }
    Ok(*token.owner())
}

/// `account` is the address `expected` (stored in the state) and writable.
pub fn check_stored(
    account: &AccountInfo,
    expected: &Pubkey,
    error: EmissionError,
) -> ProgramResult {
    if account.key() != expected {
        log::log_pubkey(account.key());
        return Err(fail(error));
    }
    account.check_writable()
}

pub fn check_token_program(account: &AccountInfo) -> ProgramResult {
    account.check_program(&TOKEN_PROGRAM_ID)
}

/// Runs `f` with the state PDA as signer (mint authority, owner of both vaults).
pub fn as_state<R>(bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    let bump = [bump];
    let seeds = [Seed::new(STATE_SEED), Seed::new(&bump)];
    f(&[Signer::from(&seeds)])
}
