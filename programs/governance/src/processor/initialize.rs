//! `initialize(params)`: creates the governance PDA for a staking program, naming the jobs and
//! emission programs it may also govern. Only this program's
//! upgrade authority may run it (read from its ProgramData account), so nobody can front-run the
//! deployment with a governance bound to another staking program. Run once at set-up; the
//! staking, jobs and emission authorities then move to the PDA.

use ionet_sdk::error::fail;
use ionet_sdk::pda::{find_program_address, new_pda};
use ionet_sdk::pubkey::{from_base58, SYSTEM_PROGRAM_ID};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::Context;
use crate::error::GovernanceError;
use crate::instruction::Params;
use crate::state::{Governance, GOVERNANCE_SEED};

const BPF_LOADER_UPGRADEABLE_ID: Pubkey = from_base58("BPFLoaderUpgradeab1e11111111111111111111111");
/// `UpgradeableLoaderState::ProgramData { slot: u64, upgrade_authority_address: Option<Pubkey> }`:
/// tag 3 (u32), the slot, then the option's tag and key.
const PROGRAM_DATA_TAG: [u8; 4] = 3u32.to_le_bytes();
const AUTHORITY_OPTION: usize = 4 + 8;
const AUTHORITY: usize = AUTHORITY_OPTION + 1;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { program_id, accounts, data } = *ctx;
    let [payer, governance, staking_program, program_data, system_program, jobs_program, emission_program, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let params = Params::parse(data)?;
    payer.check_signer()?;
    payer.check_writable()?;
    staking_program.check_executable()?;
    jobs_program.check_executable()?;
    emission_program.check_executable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    check_upgrade_authority(program_data, payer.key(), program_id)?;
    let new_governance = new_pda(governance, &[GOVERNANCE_SEED], program_id)?;
    let mut state = new_governance.init::<Governance>(payer, program_id)?;
    state.staking_program = *staking_program.key();
    state.jobs_program = *jobs_program.key();
    state.emission_program = *emission_program.key();
    state.bump = new_governance.bump;
    params.apply(&mut state);
    Ok(())
}

/// `program_data` is this program's ProgramData account and names `signer` as upgrade authority.
fn check_upgrade_authority(program_data: &AccountInfo, signer: &Pubkey, program_id: &Pubkey) -> ProgramResult {
    let (expected, _) = find_program_address(&[program_id], &BPF_LOADER_UPGRADEABLE_ID)?;
    let data = program_data.try_borrow_data()?;
    let is_authority = program_data.key() == &expected
        && program_data.is_owned_by(&BPF_LOADER_UPGRADEABLE_ID)
        && data.len() >= AUTHORITY + 32
        && data[..4] == PROGRAM_DATA_TAG
        && data[AUTHORITY_OPTION] == 1
        && &data[AUTHORITY..AUTHORITY + 32] == signer;
    if !is_authority {
        drop(data);
        log::log_pubkey(program_data.key());
        return Err(fail(GovernanceError::NotUpgradeAuthority));
    }
    Ok(())
}
