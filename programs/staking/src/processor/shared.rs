//! Checks and effects every instruction repeats.

use ionet_sdk::account::RefMut;
use ionet_sdk::cpi::{Seed, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::token::{TokenAccount, TOKEN_PROGRAM_ID};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::StakingError;
use crate::state::{Device, StakePosition, CONFIG_SEED};

#[cold]
pub fn overflow() -> ProgramError {
    fail(StakingError::Overflow)
}

/// The cluster's unix time.
pub fn now() -> Result<i64, ProgramError> {
    Ok(Clock::get()?.unix_timestamp)
}

/// A writable, initialised SPL Token account of `mint`.
pub fn check_token_account(account: &AccountInfo, mint: &Pubkey) -> ProgramResult {
    account.check_writable()?;
    let token = TokenAccount::load(account)?;
    if token.mint() != mint {
        log::log_pubkey(account.key());
        return Err(fail(StakingError::WrongMint));
    }
    Ok(())
}

/// One of the program's vaults (its address is stored in the config), writable.
pub fn check_vault(account: &AccountInfo, expected: &Pubkey) -> ProgramResult {
    if account.key() != expected {
        log::log_pubkey(account.key());
        return Err(fail(StakingError::WrongVault));
    }
    account.check_writable()
}

pub fn check_token_program(account: &AccountInfo) -> ProgramResult {
    account.check_program(&TOKEN_PROGRAM_ID)
}

/// `signer` is the account `expected` and signed.
pub fn check_signer_is(
    signer: &AccountInfo,
    expected: &Pubkey,
    error: StakingError,
) -> ProgramResult {
    signer.check_signer()?;
    if signer.key() != expected {
        log::log_pubkey(signer.key());
        return Err(fail(error));
    }
    Ok(())
}

/// Runs `f` with the config PDA as signer (it owns both vaults).
pub fn as_config<R>(bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    let bump = [bump];
    let seeds = [Seed::new(CONFIG_SEED), Seed::new(&bump)];
    f(&[Signer::from(&seeds)])
}

/// The writable stake position of `owner` (who must sign).
pub fn owned_position<'a>(
    account: &'a AccountInfo,
    owner: &AccountInfo,
    program_id: &Pubkey,
) -> Result<RefMut<'a, StakePosition>, ProgramError> {
    owner.check_signer()?;
    let position = StakePosition::load_mut(account, program_id)?;
    if &position.owner != owner.key() {
        log::log_pubkey(account.key());
        return Err(fail(StakingError::WrongOwner));
    }
    Ok(position)
}

/// The writable device of `owner` (who must sign).
pub fn owned_device<'a>(
    account: &'a AccountInfo,
    owner: &AccountInfo,
    program_id: &Pubkey,
) -> Result<RefMut<'a, Device>, ProgramError> {
    owner.check_signer()?;
    let device = Device::load_mut(account, program_id)?;
    if &device.owner != owner.key() {
        log::log_pubkey(account.key());
        return Err(fail(StakingError::WrongOwner));
    }
    Ok(device)
}
