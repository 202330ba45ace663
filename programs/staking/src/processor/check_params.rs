//! `check_params(params)`: whether `update_params(params)` would be accepted by the current
//! authority, as return data (one byte: 1 yes, 0 no); it changes nothing and never fails on the
//! parameters themselves. Governance calls it when a proposal is created, so a proposal whose
//! parameters fall outside the bounds is refused then rather than failing at execution.

use ionet_sdk::return_data::set_return_data;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::instruction::Params;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let config = Config::load(config, program_id)?;
    let valid = Params::parse(data).is_ok_and(|params| params.keeps_slasher(&config));
    set_return_data(&[valid as u8])
}
