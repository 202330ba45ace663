//! Loaders the co-staking instructions share: the offer of a device, a co-staker's position and
//! the co-staking parameters, each checked before any effect. No address is derived: this program
//! creates each of these accounts at one address per key (the offer at the seeded address of
//! `"offer"` + the device key under the config PDA, once per device as `Device::offer` records;
//! a co-stake position at the seeded address of `"costake"` + the device key under the staker; the
//! parameters at their PDA) and never closes or moves one, so the owner, the discriminator and the stored keys
//! single out the one account (the offer of a device, the position of a staker on a device, the
//! parameters).

use ionet_sdk::account::{Ref, RefMut};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::error::StakingError;
use crate::state::{CostakeParams, CostakePosition, Device, DeviceOffer};

/// The writable offer of the device `device_key`.
pub fn device_offer<'a>(
    account: &'a AccountInfo,
    device_key: &Pubkey,
    program_id: &Pubkey,
) -> Result<RefMut<'a, DeviceOffer>, ProgramError> {
    let wrong = || {
        log::log_pubkey(account.key());
        fail(StakingError::WrongOffer)
    };
    let offer = DeviceOffer::load_mut(account, program_id).map_err(|_| wrong())?;
    if &offer.device_key != device_key {
        return Err(wrong());
    }
    Ok(offer)
}

/// The writable co-stake position of `staker` (who must sign) on the device `device_key`.
pub fn staker_position<'a>(
    account: &'a AccountInfo,
    staker: &AccountInfo,
    device_key: &Pubkey,
    program_id: &Pubkey,
) -> Result<RefMut<'a, CostakePosition>, ProgramError> {
    staker.check_signer()?;
    let wrong = || {
        log::log_pubkey(account.key());
        fail(StakingError::WrongCostakePosition)
    };
    let position = CostakePosition::load_mut(account, program_id).map_err(|_| wrong())?;
    if &position.device_key != device_key || &position.staker != staker.key() {
        return Err(wrong());
    }
    Ok(position)
}

/// The device of `owner` (who must sign), read-only.
pub fn owned_device_ref<'a>(
    account: &'a AccountInfo,
    owner: &AccountInfo,
    program_id: &Pubkey,
) -> Result<Ref<'a, Device>, ProgramError> {
    owner.check_signer()?;
    let device = Device::load(account, program_id)?;
    if &device.owner != owner.key() {
        log::log_pubkey(account.key());
        return Err(fail(StakingError::WrongOwner));
    }
    Ok(device)
}

/// The co-staking parameters (set up by `set_costake_params`).
pub fn costake_params<'a>(
    account: &'a AccountInfo,
    program_id: &Pubkey,
) -> Result<Ref<'a, CostakeParams>, ProgramError> {
    let missing = || {
        log::log_pubkey(account.key());
        fail(StakingError::CostakeNotInitialized)
    };
    CostakeParams::load(account, program_id).map_err(|_| missing())
}
