//! `claim_checker_rewards`: the owner takes the rewards its checker earned (audit shares of
//! slashes and of minority penalties), IO paid from the checker vault to a token account it owns.

use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{ProgramError, ProgramResult};

use super::checkers::{check_vault, load_checker_of, pay_from_vault};
use super::shared::check_token_program;
use super::Context;
use crate::error::JobsError;
use crate::state::JobsConfig;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, checker, checker_vault, owner_token, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    owner.check_signer()?;
    let cfg = JobsConfig::load(config, program_id)?;
    let mut state = load_checker_of(checker, owner.key(), program_id)?;
    check_vault(checker_vault, &cfg)?;
    check_token_account_mint_owner::<JobsError>(owner_token, &cfg.io_mint, owner.key())?;
    check_token_program(token_program)?;
    let amount = core::mem::take(&mut state.rewards);
    let bump = cfg.bump;
    drop((cfg, state));
    pay_from_vault(checker_vault, owner_token, config, bump, amount)
}
