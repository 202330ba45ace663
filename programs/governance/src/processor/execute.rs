//! `execute()`: anyone, once a succeeded proposal's timelock has passed, performs its actions by
//! CPI signed by the governance PDA, once. Within `EXECUTION_WINDOW_SECONDS` after the timelock
//! only: later, `execute` marks the proposal Failed and runs nothing. Accounts after the
//! proposal: for each action, its program then its accounts in the stored order (an upgrade's
//! then the rent and clock sysvars: `upgrade::run`).

use ionet_sdk::args::no_args;
use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult};

use super::shared::{as_governance, now, overflow};
use super::upgrade::{self, Governor};
use super::Context;
use crate::error::GovernanceError;
use crate::state::{
    Action, Governance, Proposal, EXECUTED, EXECUTION_WINDOW_SECONDS, FAILED, MAX_ACTIONS,
    MAX_ACTION_ACCOUNTS, SUCCEEDED,
};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [governance, proposal, rest @ ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let gov_bump = Governance::load(governance, program_id)?.bump;
    let mut prop = Proposal::load_mut(proposal, program_id)?;
    match prop.state {
        SUCCEEDED => {}
        EXECUTED => return Err(fail(GovernanceError::AlreadyExecuted)),
        _ => return Err(fail(GovernanceError::NotSucceeded)),
    }
    let now = now()?;
    if now < prop.executable_ts {
        return Err(fail(GovernanceError::TimelockNotElapsed));
    }
    if now
        >= prop
            .executable_ts
            .checked_add(EXECUTION_WINDOW_SECONDS)
            .ok_or_else(overflow)?
    {
        // Not executed in time (its actions kept failing, or nobody ran them): it fails for
        // good, so keepers stop retrying it.
        prop.state = FAILED;
        return Ok(());
    }
    let count = prop.action_count as usize;
    // Copied out: the proposal's borrow must end before the CPIs (which may name it).
    let actions: [Action; MAX_ACTIONS] = prop.actions;
    // Executed before the calls: a call back into `execute` finds it done.
    prop.state = EXECUTED;
    drop(prop);

    let governor = Governor {
        account: governance,
        bump: gov_bump,
    };
    let mut next = rest;
    for action in &actions[..count] {
        next = if upgrade::is_upgrade(&action.program_id) {
            upgrade::run(action, next, &governor)?
        } else {
            run_action(action, next, gov_bump)?
        };
    }
    Ok(())
}

/// Checks that `accounts` starts with `action`'s program and accounts, invokes it, and returns
/// the accounts after them.
fn run_action<'a>(
    action: &Action,
    accounts: &'a [AccountInfo],
    gov_bump: u8,
) -> Result<&'a [AccountInfo], ProgramError> {
    let n = action.account_count as usize;
    let Some((program, rest)) = accounts.split_first() else {
        return Err(fail(GovernanceError::ActionAccountMismatch));
    };
    if rest.len() < n {
        return Err(fail(GovernanceError::ActionAccountMismatch));
    }
    let (named, rest) = rest.split_at(n);
    if program.key() != &action.program_id {
        log::log_pubkey(program.key());
        return Err(fail(GovernanceError::ActionAccountMismatch));
    }
    // Unused slots repeat the program account: the runtime finds each meta's account by key, so
    // a repeated info is harmless, and the array keeps one size.
    let mut infos = [program; MAX_ACTION_ACCOUNTS + 1];
    let mut metas = [AccountMeta::readonly(&action.program_id); MAX_ACTION_ACCOUNTS];
    for (i, (account, meta)) in named.iter().zip(&action.accounts).enumerate() {
        if account.key() != &meta.pubkey {
            log::log_pubkey(account.key());
            return Err(fail(GovernanceError::ActionAccountMismatch));
        }
        infos[i + 1] = account;
        metas[i] = AccountMeta::new(&meta.pubkey, meta.is_writable == 1, meta.is_signer == 1);
    }
    let instruction = Instruction {
        program_id: &action.program_id,
        accounts: &metas[..n],
        data: &action.data[..action.data_len as usize],
    };
    as_governance(gov_bump, |signers| {
        invoke_signed(&instruction, &infos, signers)
    })?;
    Ok(rest)
}
