//! `check_params(settings)`: whether `update_params(settings)` would be accepted, keeping the
//! authority as it is, as return data (one byte: 1 yes, 0 no); it changes nothing. Governance
//! calls it when a proposal is created, so settings outside their bounds are refused then.

use ionet_sdk::args::Args;
use ionet_sdk::return_data::set_return_data;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::instruction::Settings;
use crate::state::EmissionState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { program_id, accounts, data } = *ctx;
    let [state, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let state = EmissionState::load(state, program_id)?;
    let mut args = Args::new(data);
    let valid = Settings::read(&mut args).is_ok_and(|settings| settings.authority == state.authority) && args.finish().is_ok();
    set_return_data(&[valid as u8])
}
