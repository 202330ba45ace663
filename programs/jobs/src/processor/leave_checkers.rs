//! `leave_checkers`: the owner leaves the registry, so it is picked for no new audit; its stake
//! and rewards unlock after the staking program's cooldown (`withdraw_checker`), once the audits
//! it is on have closed.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::{ProgramError, ProgramResult};

use super::checkers::{load_checker_of, load_registry_mut};
use super::shared::{now, overflow};
use super::Context;
use crate::error::JobsError;
use crate::state::JobsConfig;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, checker, registry, staking_config, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    owner.check_signer()?;
    let cfg = JobsConfig::load(config, program_id)?;
    let mut state = load_checker_of(checker, owner.key(), program_id)?;
    let cooldown = staking_state::load_config(staking_config, &cfg.staking_program, || {
        fail(JobsError::WrongStakingAccount)
    })?
    .cooldown_seconds;
    let mut reg = load_registry_mut(registry, program_id)?;
    // The entry stays, gone from this slot on, until the checker withdraws: audits seeded
    // before pick as they would have.
    if !reg.retire(owner.key(), Clock::get()?.slot) {
        return Err(fail(JobsError::NotRegistered));
    }
    state.unlock_ts = now()?.checked_add(cooldown).ok_or_else(overflow)?;
    Ok(())
}
