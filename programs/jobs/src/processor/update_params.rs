//! `update_params(params)`: the update authority replaces every parameter at once (fees, window,
//! grace, penalties, arbiter, the authority itself). Existing jobs keep the fee rate they were
//! created with.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::Context;
use crate::error::JobsError;
use crate::instruction::Params;
use crate::state::JobsConfig;

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
    let mut config = JobsConfig::load_mut(config, program_id)?;
    authority.check_signer()?;
    if authority.key() != &config.authority {
        log::log_pubkey(authority.key());
        return Err(fail(JobsError::Unauthorized));
    }
    params.apply(&mut config);
    Ok(())
}
