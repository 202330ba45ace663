//! `check_params(params)`: whether `update_params(params)`, signed by `authority`, would be
//! accepted and leave `authority` the authority, as return data (one byte: 1 yes, 0 no); it
//! changes nothing. Governance calls it with its PDA when a proposal is created, so parameters
//! outside their bounds, or handing the authority to any other key, are refused then.

use ionet_sdk::return_data::set_return_data;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::instruction::Params;
use crate::state::JobsConfig;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, authority, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    JobsConfig::load(config, program_id)?;
    let valid = Params::parse(data).is_ok_and(|params| &params.authority == authority.key());
    set_return_data(&[valid as u8])
}
