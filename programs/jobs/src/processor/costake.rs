//! Whether a checker co-stakes a device: its staking co-stake position (at the seeded address of
//! `"costake"` + the device key's seed under the staker, staking program) holds active or
//! cooling shares. A checker
//! who shares a device's rewards and slashes must not judge that device's work.

use ionet_sdk::error::fail;
use ionet_sdk::seeded;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};
use staking_state::{CostakePosition, KeySeed, COSTAKE_TAG};

use crate::error::JobsError;

/// Whether `account`, which must be the co-stake position address of `staker` on `device_key`
/// under `staking_program` (it may not exist), holds shares, active or cooling.
pub fn is_costaker(
    account: &AccountInfo,
    device_key: &Pubkey,
    staker: &Pubkey,
    staking_program: &Pubkey,
) -> Result<bool, ProgramError> {
    // The position's address, whether it exists or not: without this check any empty account
    // would pass for "no position".
    let seed = KeySeed::new(COSTAKE_TAG, device_key);
    if &seeded::address(staker, seed.as_bytes(), staking_program) != account.key() {
        return Err(wrong(account));
    }
    // At that address, only the staking program's own `CostakePosition` is a position: the
    // staker (the address's base) can make any other account there itself with the System
    // program, owned by staking even, and must not stall its assignment that way.
    let Ok(position) = staking_state::load::<CostakePosition>(account, staking_program, || {
        fail(JobsError::WrongStakingAccount)
    }) else {
        return Ok(false);
    };
    // Staking writes both keys when it creates the position at this address.
    if &position.device_key != device_key || &position.staker != staker {
        return Err(wrong(account));
    }
    Ok(position.shares != 0 || position.cooldowns.iter().any(|c| c.shares != 0))
}

#[cold]
fn wrong(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(JobsError::WrongStakingAccount)
}
