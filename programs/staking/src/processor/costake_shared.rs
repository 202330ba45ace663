//! Loaders the co-staking instructions share: the offer of a device, a co-staker's position and
//! the co-staking parameters, each checked at its PDA (stored bump) before any effect.

use ionet_sdk::account::{Ref, RefMut};
use ionet_sdk::error::fail;
use ionet_sdk::pda::create_program_address;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::error::StakingError;
use crate::state::{
    CostakeParams, CostakePosition, Device, DeviceOffer, COSTAKE_PARAMS_SEED, COSTAKE_SEED,
    OFFER_SEED,
};

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
    if &offer.device_key != device_key
        || !is_pda(
            account,
            &[OFFER_SEED, device_key, &[offer.bump]],
            program_id,
        )
    {
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
    if &position.device_key != device_key
        || &position.staker != staker.key()
        || !is_pda(
            account,
            &[COSTAKE_SEED, device_key, staker.key(), &[position.bump]],
            program_id,
        )
    {
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
    let params = CostakeParams::load(account, program_id).map_err(|_| missing())?;
    if !is_pda(account, &[COSTAKE_PARAMS_SEED, &[params.bump]], program_id) {
        return Err(missing());
    }
    Ok(params)
}

/// `account` is the address `seeds` (bump included) derive under `program_id`.
fn is_pda(account: &AccountInfo, seeds: &[&[u8]], program_id: &Pubkey) -> bool {
    create_program_address(seeds, program_id).is_ok_and(|address| &address == account.key())
}
