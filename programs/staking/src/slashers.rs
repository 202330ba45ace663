//! The slasher registry: programs besides the configured slasher (the jobs program's PDA, fixed
//! at `initialize`) whose PDA may sign `slash`, such as the capacity program's config PDA, which
//! slashes a device on a proven capacity fault. An entry is the PDA `["slasher", slasher]`
//! (`SlasherEntry`), created by `add_slasher`, which only this program's upgrade authority may
//! sign: whoever can replace the program's code gains nothing by it, while the config's authority
//! (governance after set-up) still can neither slash nor name a slasher. A registered slasher
//! only slashes: reserving and releasing job stake stays the configured slasher's.

use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::StakingError;
use crate::state::Config;

/// Seed of a registry entry: `["slasher", slasher]`.
pub const SLASHER_SEED: &[u8] = b"slasher";

/// A registered slasher. PDA `["slasher", slasher]`.
#[repr(C)]
pub struct SlasherEntry {
    pub discriminator: [u8; 8],
    /// The key that may sign `slash` (a program's PDA).
    pub slasher: Pubkey,
    pub bump: u8,
    pub reserved: [u8; 7],
}

// SAFETY: #[repr(C)], starts with the discriminator, only byte arrays (align 1, no padding:
// size asserted below).
unsafe impl Layout for SlasherEntry {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("SlasherEntry");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        log::log_pubkey(account.key());
        fail(StakingError::WrongAccountType)
    }
}

const _: () = assert!(core::mem::size_of::<SlasherEntry>() == 8 + 32 + 8);

/// `slash`'s signer check: `slasher` (a signer) is the configured slasher, or `entry` (the
/// instruction's account after emission_state) is this program's registry entry naming it.
/// An entry can only come from `add_slasher`: it is owned by this program and typed.
pub fn check_slasher(
    slasher: &AccountInfo,
    config: &Config,
    entry: Option<&AccountInfo>,
    program_id: &Pubkey,
) -> ProgramResult {
    if slasher.key() == &config.slasher {
        return Ok(());
    }
    let registered = entry.is_some_and(|entry| {
        entry.is_owned_by(program_id)
            && SlasherEntry::load(entry, program_id).is_ok_and(|e| &e.slasher == slasher.key())
    });
    if !registered {
        log::log_pubkey(slasher.key());
        return Err(fail(StakingError::NotSlasher));
    }
    Ok(())
}
