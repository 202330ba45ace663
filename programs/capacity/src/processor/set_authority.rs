//! `set_authority(new_authority)`: the config's authority hands `update_params` over, e.g. to the
//! governance PDA (the deploy's hand-over).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::CapacityError;
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
    let mut args = Args::new(data);
    let new_authority = *args.pubkey()?;
    args.finish()?;
    authority.check_signer()?;
    let mut state = CapacityConfig::load_mut(config, program_id)?;
    if &state.authority != authority.key() {
        return Err(fail(CapacityError::NotAuthority));
    }
    state.authority = new_authority;
    Ok(())
}
