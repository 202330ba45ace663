//! `register_checker(verdict_key, classes, stake)`: the owner becomes a checker: `stake` IO moves
//! from its IO token account to the checker vault, its Checker at the seeded address of
//! `"checker"` under the owner (`ionet_sdk::seeded`: one per owner, which only the owner's
//! signature creates) is created (a pre-funded address is topped up, not refused) and it enters
//! the registry (picked only for audits seeded after this slot), which, when full, drops a gone
//! entry, else evicts its smallest entry for a newcomer with more stake. `classes` (bit i = GPU
//! class i) says which jobs it can re-run; `verdict_key` signs its verdicts.

use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::token::{check_token_account_mint_owner, Transfer};
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::checkers::{check_vault, load_registry_mut};
use super::shared::check_token_program;
use super::Context;
use crate::audit_state::{Checker, CheckerEntry};
use crate::error::JobsError;
use crate::instruction::Args;
use crate::state::{JobsConfig, CHECKER_TAG};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, checker, registry, checker_vault, owner_token, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let verdict_key = *args.pubkey()?;
    let classes = args.u8()?;
    let stake = args.u64()?;
    args.finish()?;
    owner.check_signer()?;
    owner.check_writable()?;
    if verdict_key == [0; 32] || classes == 0 {
        return Err(fail(JobsError::InvalidCheckerArgs));
    }
    let cfg = JobsConfig::load(config, program_id)?;
    if stake == 0 || stake < cfg.min_checker_stake {
        return Err(fail(JobsError::CheckerStakeTooLow));
    }
    check_vault(checker_vault, &cfg)?;
    check_token_account_mint_owner::<JobsError>(owner_token, &cfg.io_mint, owner.key())?;
    check_token_program(token_program)?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    // Jobs-owned: a Checker, or an account the owner made itself at its own address (the System
    // program's CreateAccountWithSeed, zeroed): either way this owner's, refused.
    if checker.is_owned_by(program_id) {
        log::log_pubkey(checker.key());
        return Err(fail(JobsError::CheckerExists));
    }
    let mut reg = load_registry_mut(registry, program_id)?;
    let entry = CheckerEntry {
        owner: *owner.key(),
        stake,
        since_slot: Clock::get()?.slot,
        until_slot: 0,
        classes,
        reserved: [0; 7],
    };
    if let Some(evicted) = reg
        .insert(entry)
        .map_err(|_| fail(JobsError::CheckerRegistryFull))?
    {
        log::log("checker registry full: evicted");
        log::log_pubkey(&evicted);
    }
    drop((cfg, reg));

    let new_checker = new_seeded(checker, owner, CHECKER_TAG, program_id)?;
    let mut state = new_checker.init::<Checker>(owner, None)?;
    state.owner = *owner.key();
    state.verdict_key = verdict_key;
    state.stake = stake;
    state.classes = classes;
    drop(state);
    Transfer {
        source: owner_token,
        destination: checker_vault,
        authority: owner,
        amount: stake,
    }
    .invoke()
}
