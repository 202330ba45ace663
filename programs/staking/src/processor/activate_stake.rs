//! `activate_stake()`: anyone settles a position whose warming stake may start earning epoch
//! rewards (every epoch that started before it was staked has been funded), so it earns from
//! the next epoch funding on. Every stake, unstake and claim of the owner does the same.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::overflow;
use super::Context;
use crate::error::StakingError;
use crate::events;
use crate::state::{Config, StakePosition};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, position, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    let mut position = StakePosition::load_mut(position, program_id)?;
    let warming = position.warming;
    if warming == 0 || position.warming_ts > config.funded_through_ts {
        return Err(fail(StakingError::NothingToActivate));
    }
    position.settle(&mut config).ok_or_else(overflow)?;
    events::stake_activated(&position.owner, warming)
}
