//! `update_params(params)`: the config's authority (the operator, or the governance PDA once
//! handed over) changes the challenge parameters, within the bounds `Params::parse` enforces.
//! An open challenge keeps the parameters it was requested with.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::CapacityError;
use crate::instruction::Params;
use crate::state::CapacityConfig;

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
    authority.check_signer()?;
    let mut state = CapacityConfig::load_mut(config, program_id)?;
    if &state.authority != authority.key() {
        return Err(fail(CapacityError::NotAuthority));
    }
    params.apply(&mut state);
    Ok(())
}
