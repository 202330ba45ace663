//! `claim_checker_rewards`: not yet implemented (the IDL contract first).

use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::JobsError;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { accounts, .. } = *ctx;
    let [_owner, _config, _checker, _checker_vault, _owner_token, _token_program, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    Err(fail(JobsError::UnknownInstruction))
}
