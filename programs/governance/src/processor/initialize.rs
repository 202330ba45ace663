//! `initialize(params)`: creates the governance PDA for a staking program, naming the jobs,
//! emission and capacity programs it may also govern. Only this program's
//! upgrade authority may run it (read from its ProgramData account), so nobody can front-run the
//! deployment with a governance bound to another staking program. Run once at set-up; the
//! staking, jobs and emission authorities then move to the PDA.

use ionet_sdk::loader::check_upgrade_authority;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::GovernanceError;
use crate::instruction::Params;
use crate::state::{Governance, GOVERNANCE_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, governance, staking_program, program_data, system_program, jobs_program, emission_program, capacity_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let params = Params::parse(data)?;
    payer.check_signer()?;
    payer.check_writable()?;
    staking_program.check_executable()?;
    jobs_program.check_executable()?;
    emission_program.check_executable()?;
    capacity_program.check_executable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    check_upgrade_authority(
        program_data,
        payer.key(),
        program_id,
        GovernanceError::NotUpgradeAuthority,
    )?;
    let new_governance = new_pda(governance, &[GOVERNANCE_SEED], program_id)?;
    let mut state = new_governance.init::<Governance>(payer, program_id)?;
    state.staking_program = *staking_program.key();
    state.jobs_program = *jobs_program.key();
    state.emission_program = *emission_program.key();
    state.capacity_program = *capacity_program.key();
    state.bump = new_governance.bump;
    params.apply(&mut state);
    Ok(())
}
