//! `convict_audited`: not yet implemented (the IDL contract first).

use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::JobsError;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { accounts, .. } = *ctx;
    let [_config, _job, _audit, _audit_payer, _escrow, _buyer_token, _buyer, _challenger_token, _registry, _token_program, _staking_program, _staking_config, _device, _stake_vault, _io_mint, _checker_vault, _emission_program, _emission_state, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    Err(fail(JobsError::UnknownInstruction))
}
