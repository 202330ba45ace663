//! Whether a checker co-stakes a device: its staking co-stake position PDA
//! `["costake", device_key, staker]` (staking program) holds active or cooling shares. A checker
//! who shares a device's rewards and slashes must not judge that device's work.

use ionet_sdk::error::fail;
use ionet_sdk::pda::{check_pda, find_program_address};
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};
use staking_state::{CostakePosition, COSTAKE_SEED};

use crate::error::JobsError;

/// Whether `account`, which must be the co-stake position PDA of `staker` on `device_key` under
/// `staking_program` (it may not exist), holds shares, active or cooling.
pub fn is_costaker(
    account: &AccountInfo,
    device_key: &Pubkey,
    staker: &Pubkey,
    staking_program: &Pubkey,
) -> Result<bool, ProgramError> {
    let seeds: [&[u8]; 3] = [COSTAKE_SEED, device_key, staker];
    if !account.is_owned_by(staking_program) || account.data_is_empty() {
        // No position: the address must still be the PDA, or any empty account would pass.
        let (address, _) = find_program_address(&seeds, staking_program)?;
        if &address != account.key() {
            return Err(wrong(account));
        }
        return Ok(false);
    }
    let position = staking_state::load::<CostakePosition>(account, staking_program, || {
        fail(JobsError::WrongStakingAccount)
    })?;
    if &position.device_key != device_key || &position.staker != staker {
        return Err(wrong(account));
    }
    check_pda(account, &seeds, position.bump, staking_program)
        .map_err(|_| fail(JobsError::WrongStakingAccount))?;
    Ok(position.shares != 0 || position.cooldowns.iter().any(|c| c.shares != 0))
}

#[cold]
fn wrong(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(JobsError::WrongStakingAccount)
}
