//! Checks and effects every instruction repeats.

use ionet_sdk::account::RefMut;
use ionet_sdk::cpi::{with_signer, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::StakingError;
use crate::state::{Device, StakePosition, CONFIG_SEED};

pub use ionet_sdk::sysvar::now;
pub use ionet_sdk::token::check_token_program;

ionet_sdk::overflow_error!(StakingError::Overflow);

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
    with_signer([CONFIG_SEED, &[bump]], f)
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
