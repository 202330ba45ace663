//! What a proposal may do, checked when it is created: each action is `update_params` of
//! staking, jobs or emission, or governance's own `update_config`, with the accounts those take
//! (the governance PDA signing, then the target's config), and parameters the target accepts. The
//! target judges its own parameters: its `check_params` returns whether `update_params` would
//! succeed and keep its authority (and, in staking, the slasher). So governance can only change
//! parameters within their on-chain bounds: it cannot slash, lock positions, name a slasher,
//! hand any authority away or call any other program with its signature, and a proposal that
//! could never execute is refused at once.

use ionet_sdk::cpi::{invoke, AccountMeta, Instruction};
use ionet_sdk::error::fail;
use ionet_sdk::return_data::get_return_data;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::GovernanceError;
use crate::instruction::{ActionArgs, Params, CHECK_PARAMS, UPDATE_CONFIG_DATA, UPDATE_PARAMS_DATA};
use crate::state::{Governance, MAX_ACTION_DATA};

/// Checks `action`; `targets` holds, for every action not aimed at governance itself, the
/// target program and its config, in action order. Returns the targets after this action's.
pub fn check_action<'a>(
    action: &ActionArgs,
    gov: &Governance,
    governance: &Pubkey,
    program_id: &Pubkey,
    targets: &'a [AccountInfo],
) -> Result<&'a [AccountInfo], ProgramError> {
    let accounts = &action.accounts[..action.account_count];
    let Some((tag, params)) = action.data.split_first_chunk::<8>() else {
        return Err(fail(GovernanceError::ActionNotAllowed));
    };
    if action.program_id == program_id {
        let own = *tag == UPDATE_CONFIG_DATA
            && matches!(accounts, [a] if &a.pubkey == governance && a.is_signer == 1 && a.is_writable == 1);
        if !own {
            return Err(fail(GovernanceError::ActionNotAllowed));
        }
        return Params::parse(params).map(|_| targets);
    }
    let governed = [&gov.staking_program, &gov.jobs_program, &gov.emission_program];
    let shaped = *tag == UPDATE_PARAMS_DATA
        && matches!(accounts, [a, c] if &a.pubkey == governance && a.is_signer == 1 && a.is_writable == 0
            && c.is_signer == 0 && c.is_writable == 1);
    if !governed.contains(&action.program_id) || !shaped {
        log::log_pubkey(action.program_id);
        return Err(fail(GovernanceError::ActionNotAllowed));
    }
    let [program, config, rest @ ..] = targets else {
        return Err(fail(GovernanceError::WrongActionProgram));
    };
    if program.key() != action.program_id || config.key() != &accounts[1].pubkey {
        log::log_pubkey(program.key());
        return Err(fail(GovernanceError::WrongActionProgram));
    }
    check_params(program, config, params)?;
    Ok(rest)
}

/// Asks `program` (by CPI, read-only) whether `update_params(params)` would be accepted.
fn check_params(program: &AccountInfo, config: &AccountInfo, params: &[u8]) -> ProgramResult {
    let mut data = [0u8; MAX_ACTION_DATA];
    let len = params.len() + 8; // params.len() <= MAX_ACTION_DATA - 8
    data[..8].copy_from_slice(&CHECK_PARAMS);
    data[8..len].copy_from_slice(params);
    let metas = [AccountMeta::readonly(config.key())];
    let instruction = Instruction { program_id: program.key(), accounts: &metas, data: &data[..len] };
    invoke(&instruction, &[config])?;
    let mut answer = [0u8; 1];
    match get_return_data(&mut answer) {
        Some((1, from)) if &from == program.key() && answer[0] == 1 => Ok(()),
        _ => Err(fail(GovernanceError::ActionOutOfBounds)),
    }
}
