//! `lock_position(until)`: the staking authority (the governance PDA after set-up) locks a
//! position against unstake and withdraw until `until`, so stake that voted cannot move and vote
//! again. A lock only ever extends, and never past 30 days from now (the longest voting period).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_signer_is, now, overflow};
use super::Context;
use crate::error::StakingError;
use crate::state::{Config, StakePosition, MAX_VOTE_SECONDS};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [locker, config, position, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let until = args.i64()?;
    args.finish()?;
    let config = Config::load(config, program_id)?;
    check_signer_is(locker, &config.authority, StakingError::Unauthorized)?;
    let mut position = StakePosition::load_mut(position, program_id)?;
    if until > now()?.checked_add(MAX_VOTE_SECONDS).ok_or_else(overflow)? {
        return Err(fail(StakingError::InvalidLockTime));
    }
    position
        .extend_lock(until)
        .ok_or_else(|| fail(StakingError::InvalidLockTime))
}
