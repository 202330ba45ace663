//! `update_params(params)`: the authority replaces every parameter at once.

use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::check_signer_is;
use super::Context;
use crate::error::StakingError;
use crate::instruction::Params;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [authority, config, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let params = Params::parse(data)?;
    let mut config = Config::load_mut(config, program_id)?;
    check_signer_is(authority, &config.authority, StakingError::Unauthorized)?;
    params.apply(&mut config);
    Ok(())
}
