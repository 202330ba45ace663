//! `check_params(settings)`: whether `update_params(settings)`, signed by `authority`, would be
//! accepted and leave `authority` the authority, as return data (one byte: 1 yes, 0 no); it
//! changes nothing. Governance calls it with its PDA when a proposal is created, so settings
//! outside their bounds, or handing the authority to any other key, are refused then.

use ionet_sdk::args::Args;
use ionet_sdk::return_data::set_return_data;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::instruction::Settings;
use crate::state::EmissionState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [state, authority, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    EmissionState::load(state, program_id)?;
    let mut args = Args::new(data);
    let valid = Settings::read(&mut args)
        .is_ok_and(|settings| &settings.authority == authority.key())
        && args.finish().is_ok();
    set_return_data(&[valid as u8])
}
