//! `submit_verdict`: not yet implemented (the IDL contract first).

use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::JobsError;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { accounts, .. } = *ctx;
    let [_verdict_key, _job, _audit, _checker, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    Err(fail(JobsError::UnknownInstruction))
}
