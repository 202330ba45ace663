//! `draw_audit`: not yet implemented (the IDL contract first).

use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::JobsError;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { accounts, .. } = *ctx;
    let [_payer, _config, _job, _audit, _slot_hashes, _system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    Err(fail(JobsError::UnknownInstruction))
}
