//! Read-only loaders for the programs that read the staking program's accounts. Each checks that
//! the staking program owns the account and that its data is the expected layout (size,
//! alignment, discriminator); the PDA-checked ones also check the key stored in it and its
//! address against the stored bump. On a refusal they log the account's key and return the
//! reader's own error, `wrong()`; a failed borrow returns the runtime's error as is.

use ionet_sdk::account::Ref;
use ionet_sdk::pda::create_program_address;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::layout::{Config, Device, StakePosition, CONFIG_SEED, DEVICE_SEED, POSITION_SEED};

/// `account` as the staking account `T`: owned by `staking_program`, its data a `T`.
pub fn load<'a, T: Layout>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, T>, ProgramError> {
    finish(account, view(account, staking_program), wrong)
}

/// The staking `Config`, also checked to be at the PDA `["config"]`.
pub fn load_config<'a>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, Config>, ProgramError> {
    let checked = view::<Config>(account, staking_program).and_then(|config| {
        let bump = [config.bump];
        keep(
            config,
            is_address(account, &[CONFIG_SEED, &bump], staking_program),
        )
    });
    finish(account, checked, wrong)
}

/// The staking `Device` of `device_key`: it holds that key and is at the PDA
/// `["device", device_key]`.
pub fn load_device<'a>(
    account: &'a AccountInfo,
    device_key: &Pubkey,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, Device>, ProgramError> {
    let checked = view::<Device>(account, staking_program).and_then(|device| {
        let bump = [device.bump];
        let found = &device.device_key == device_key
            && is_address(account, &[DEVICE_SEED, device_key, &bump], staking_program);
        keep(device, found)
    });
    finish(account, checked, wrong)
}

/// The `StakePosition` of `owner`: it names that owner and is at the PDA `["position", owner]`.
pub fn load_position<'a>(
    account: &'a AccountInfo,
    owner: &Pubkey,
    staking_program: &Pubkey,
    wrong: impl FnOnce() -> ProgramError,
) -> Result<Ref<'a, StakePosition>, ProgramError> {
    let checked = view::<StakePosition>(account, staking_program).and_then(|position| {
        let bump = [position.bump];
        let found = &position.owner == owner
            && is_address(account, &[POSITION_SEED, owner, &bump], staking_program);
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

/// `account` is the address `seeds` (bump included) derive under `program_id`.
fn is_address(account: &AccountInfo, seeds: &[&[u8]], program_id: &Pubkey) -> bool {
    create_program_address(seeds, program_id).is_ok_and(|address| &address == account.key())
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
