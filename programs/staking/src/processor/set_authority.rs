//! `set_authority(new_authority)`: hands the authority over, e.g. to the governance program's PDA.

use ionet_sdk::args::Args;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::check_signer_is;
use super::Context;
use crate::error::StakingError;
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
    let mut args = Args::new(data);
    let new_authority = *args.pubkey()?;
    args.finish()?;
    let mut config = Config::load_mut(config, program_id)?;
    check_signer_is(authority, &config.authority, StakingError::Unauthorized)?;
    config.authority = new_authority;
    Ok(())
}
