//! What governance needs of the staking program: a stake position's owner and active stake, the
//! config's total active stake and a position's vote weight, read through the `staking-state`
//! interface crate's layouts and loaders (whose `cpi::LockPosition` a vote calls).

use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, Pubkey};
use staking_state::Config;

use crate::error::GovernanceError;

/// The staking config's total active stake.
pub fn total_stake(config: &AccountInfo, staking_program: &Pubkey) -> Result<u64, ProgramError> {
    Ok(staking_state::load::<Config>(config, staking_program, wrong_staking_account)?.total_stake)
}

/// The active stake of `owner`'s position, after checking it is a staking `StakePosition`
/// holding `owner` (staking creates one per owner, at its seeded address).
pub fn position_active(
    position: &AccountInfo,
    owner: &Pubkey,
    staking_program: &Pubkey,
) -> Result<u64, ProgramError> {
    Ok(
        staking_state::load_position(position, owner, staking_program, wrong_staking_account)?
            .active,
    )
}

/// The vote weight of `owner`'s position on a proposal created at `created_ts` (see
/// `StakePosition::vote_weight`), after the same checks as [`position_active`].
pub fn vote_weight(
    position: &AccountInfo,
    owner: &Pubkey,
    staking_program: &Pubkey,
    created_ts: i64,
) -> Result<u64, ProgramError> {
    Ok(
        staking_state::load_position(position, owner, staking_program, wrong_staking_account)?
            .vote_weight(created_ts),
    )
}

#[cold]
fn wrong_staking_account() -> ProgramError {
    fail(GovernanceError::WrongStakingAccount)
}
