//! Checks and effects every instruction repeats.

use ionet_sdk::account::RefMut;
use ionet_sdk::cpi::{Seed, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::pda::find_program_address;
use ionet_sdk::sysvar::{Clock, Rent};
use ionet_sdk::system::CreateAccount;
use ionet_sdk::token::{TokenAccount, TOKEN_PROGRAM_ID};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::StakingError;
use crate::layout::Layout;
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
pub fn check_signer_is(signer: &AccountInfo, expected: &Pubkey, error: StakingError) -> ProgramResult {
    signer.check_signer()?;
    if signer.key() != expected {
        log::log_pubkey(signer.key());
        return Err(fail(error));
    }
    Ok(())
}

/// A program-derived account checked free to create: see [`new_pda`].
pub struct NewPda<'a> {
    pub account: &'a AccountInfo,
    pub seeds: &'a [&'a [u8]],
    pub bump: u8,
}

/// Checks that `account` is the not-yet-created, writable PDA of `seeds` (at most two) and finds
/// its bump. Searching bumps is expensive, so only creation paths do it; later instructions rely
/// on the owner, discriminator and stored keys of accounts this program created.
pub fn new_pda<'a>(account: &'a AccountInfo, seeds: &'a [&'a [u8]], program_id: &Pubkey) -> Result<NewPda<'a>, ProgramError> {
    let (address, bump) = find_program_address(seeds, program_id)?;
    if &address != account.key() {
        log::log("account is not the expected program-derived address");
        log::log_pubkey(account.key());
        return Err(ProgramError::InvalidSeeds);
    }
    account.check_writable()?;
    account.check_uninitialized()?;
    Ok(NewPda { account, seeds, bump })
}

impl NewPda<'_> {
    /// Creates the account with `space` zeroed bytes owned by `owner`, rent paid by `payer`.
    pub fn create(&self, payer: &AccountInfo, space: usize, owner: &Pubkey) -> ProgramResult {
        let (account, seeds) = (self.account, self.seeds);
        let lamports = Rent::get()?.minimum_balance(space as u64).ok_or_else(overflow)?;
        let bump = [self.bump];
        let mut signer_seeds = [Seed::new(&bump); 3];
        for (slot, seed) in signer_seeds.iter_mut().zip(seeds) {
            *slot = Seed::new(seed);
        }
        let signer = Signer::from(&signer_seeds[..=seeds.len()]);
        CreateAccount { from: payer, to: account, lamports, space: space as u64, owner }.invoke_signed(&[signer])
    }
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
pub fn owned_device<'a>(account: &'a AccountInfo, owner: &AccountInfo, program_id: &Pubkey) -> Result<RefMut<'a, Device>, ProgramError> {
    owner.check_signer()?;
    let device = Device::load_mut(account, program_id)?;
    if &device.owner != owner.key() {
        log::log_pubkey(account.key());
        return Err(fail(StakingError::WrongOwner));
    }
    Ok(device)
}
