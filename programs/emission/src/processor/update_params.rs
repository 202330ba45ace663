//! `update_params(settings)`: the authority replaces every setting at once (the schedule's start
//! and the minted epochs never change).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::EmissionError;
use crate::instruction::Settings;
use crate::state::EmissionState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [authority, state, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let settings = Settings::read(&mut args)?;
    args.finish()?;
    authority.check_signer()?;
    let mut state = EmissionState::load_mut(state, program_id)?;
    if authority.key() != &state.authority {
        return Err(fail(EmissionError::Unauthorized));
    }
    settings.apply(&mut state);
    Ok(())
}
