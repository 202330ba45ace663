//! `check_params(params)`: whether `update_params(params)` would be accepted (the parameters within
//! their bounds), as return data (one byte: 1 yes, 0 no); it changes nothing and never fails on
//! the parameters themselves. Governance calls it when a proposal is created, so a proposal whose
//! parameters fall outside the bounds is refused then rather than failing at execution.

use ionet_sdk::return_data::set_return_data;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::instruction::Params;
use crate::state::CapacityConfig;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    CapacityConfig::load(config, program_id)?;
    set_return_data(&[Params::parse(data).is_ok() as u8])
}
