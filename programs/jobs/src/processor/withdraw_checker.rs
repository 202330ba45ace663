//! `withdraw_checker`: a checker out of the registry (it left, or was evicted or dropped below
//! the minimum stake), past its cooldown and with no open audit, takes its stake and rewards
//! back to an IO token account it owns; its registry entry is removed and its Checker closes, the
//! rent returned to it.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{ProgramError, ProgramResult};

use super::checkers::{check_vault, load_checker_of, load_registry_mut, pay_from_vault};
use super::shared::{check_token_program, close_account, now, overflow};
use super::Context;
use crate::error::JobsError;
use crate::state::JobsConfig;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, checker, registry, checker_vault, owner_token, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    owner.check_signer()?;
    owner.check_writable()?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_checker_of(checker, owner.key(), program_id)?;
    let mut reg = load_registry_mut(registry, program_id)?;
    if reg.active(owner.key()).is_some() {
        return Err(fail(JobsError::CheckerRegistered));
    }
    if state.unlock_ts != 0 && now()? < state.unlock_ts {
        return Err(fail(JobsError::CheckerCoolingDown));
    }
    if state.open_audits != 0 {
        return Err(fail(JobsError::CheckerHasOpenAudits));
    }
    check_vault(checker_vault, &cfg)?;
    check_token_account_mint_owner::<JobsError>(owner_token, &cfg.io_mint, owner.key())?;
    check_token_program(token_program)?;
    let amount = state
        .stake
        .checked_add(state.rewards)
        .ok_or_else(overflow)?;
    // Its gone entry (if a full registry has not dropped it yet) leaves with it.
    reg.remove(owner.key());
    let bump = cfg.bump;
    drop((cfg, state, reg));
    pay_from_vault(checker_vault, owner_token, config, bump, amount)?;
    close_account(checker, owner)
}
