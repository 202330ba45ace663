//! Read-only loaders for the programs that read the staking program's accounts. Each checks that
//! the staking program owns the account and that its data is the expected layout (size,
//! alignment, discriminator); the keyed ones also check the key stored in it. No address is
//! derived: the staking program creates each of these accounts at one address per key (the
//! config at its canonical PDA in `initialize`; a device at the seeded address of `"device"`
//! under its device key in `register_device`, a position at that of `"position"` under its owner
//! in `open_position`, each with that key's signature) and never closes or moves one, so the
//! program owner, the discriminator and the stored key already single out the one account (the
//! config, the device of a key, the position of an owner). On a refusal they log the account's
//! key and return the reader's own error, `wrong()`; a failed borrow returns the runtime's error
//! as is.

use ionet_sdk::account::Ref;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::layout::{Config, Device, StakePosition};

/// `account` as the staking account `T`: owned by `staking_program`, its data a `T`.
pub fn load<'a, T: Layout>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, T>, ProgramError> {
    finish(account, view(account, staking_program), wrong)
}

/// The staking `Config` (the one account of its type: the PDA `["config"]`).
pub fn load_config<'a>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, Config>, ProgramError> {
    finish(account, view::<Config>(account, staking_program), wrong)
}

/// The staking `Device` of `device_key`: it holds that key (the one such account: at the seeded
/// address of `"device"` under `device_key`).
pub fn load_device<'a>(
    account: &'a AccountInfo,
    device_key: &Pubkey,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, Device>, ProgramError> {
    let checked = view::<Device>(account, staking_program).and_then(|device| {
        let found = &device.device_key == device_key;
        keep(device, found)
    });
    finish(account, checked, wrong)
}

/// The `StakePosition` of `owner`: it names that owner (the one such account: at the seeded
/// address of `"position"` under `owner`).
pub fn load_position<'a>(
    account: &'a AccountInfo,
    owner: &Pubkey,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, StakePosition>, ProgramError> {
    let checked = view::<StakePosition>(account, staking_program).and_then(|position| {
        let found = &position.owner == owner;
        keep(position, found)
    });
    finish(account, checked, wrong)
}

/// Why an account was not loaded.
enum Refused {
    /// It is not the staking account asked for.
    Wrong,
    /// Its data is already borrowed mutably: the runtime's error.
    Borrow(ProgramError),
}

fn view<'a, T: Layout>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
) -> Result<Ref<'a, T>, Refused> {
    if !account.is_owned_by(staking_program) {
        return Err(Refused::Wrong);
    }
    let data = account.try_borrow_data().map_err(Refused::Borrow)?;
    Ref::try_map(data, |data| T::view(data).ok_or(Refused::Wrong))
}

/// `loaded` when `found`; otherwise the borrow ends here.
fn keep<T>(loaded: Ref<'_, T>, found: bool) -> Result<Ref<'_, T>, Refused> {
    if found {
        Ok(loaded)
    } else {
        Err(Refused::Wrong)
    }
}

fn finish<'a, T>(
    account: &AccountInfo,
    loaded: Result<Ref<'a, T>, Refused>,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, T>, ProgramError> {
    loaded.map_err(|refused| match refused {
        Refused::Wrong => {
            log::log_pubkey(account.key());
            wrong()
        }
        Refused::Borrow(error) => error,
    })
}
