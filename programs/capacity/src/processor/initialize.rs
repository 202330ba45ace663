//! `initialize(authority, params)`: creates the config PDA `["config"]` for a staking program,
//! naming the authority of `update_params` (the operator; governance's PDA once handed over). Only this program's upgrade authority may run it
//! (read from its ProgramData account), so nobody can front-run the deployment.

use ionet_sdk::loader::check_upgrade_authority;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::CapacityError;
use crate::instruction::Params;
use crate::state::{CapacityConfig, CONFIG_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, config, staking_program, program_data, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    // The upgrade authority first: an outsider gets NotUpgradeAuthority whatever else is wrong.
    payer.check_signer()?;
    check_upgrade_authority(
        program_data,
        payer.key(),
        program_id,
        CapacityError::NotUpgradeAuthority,
    )?;
    let Some((authority, params)) = data.split_first_chunk::<32>() else {
        return Err(ProgramError::InvalidInstructionData);
    };
    let params = Params::parse(params)?;
    payer.check_writable()?;
    staking_program.check_executable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let new_config = new_pda(config, &[CONFIG_SEED], program_id)?;
    let mut state = new_config.init::<CapacityConfig>(payer, program_id)?;
    state.authority = *authority;
    state.staking_program = *staking_program.key();
    state.bump = new_config.bump;
    params.apply(&mut state);
    Ok(())
}
