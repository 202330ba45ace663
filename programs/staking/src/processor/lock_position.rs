//! `lock_position(until)`: the staking authority (the governance PDA after set-up) locks a
//! position against unstake and withdraw until `until`, so stake that voted cannot move and vote
//! again. A lock only ever extends.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::check_signer_is;
use super::Context;
use crate::error::StakingError;
use crate::state::{Config, StakePosition};

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
    position
        .extend_lock(until)
        .ok_or_else(|| fail(StakingError::InvalidLockTime))
}
