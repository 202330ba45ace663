//! `initialize(params)`: creates the config PDA and the two vaults (token accounts owned by the
//! config PDA), with `authority` as authority (later handed to governance). Only this program's
//! upgrade authority may run it (read from its ProgramData account): it signs and pays, so nobody
//! can take over a fresh deployment by initialising it first.

use ionet_sdk::loader::check_upgrade_authority;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::token::Mint;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::check_token_program;
use super::Context;
use crate::error::StakingError;
use crate::instruction::Params;
use crate::state::{Config, CONFIG_SEED, REWARD_VAULT_SEED, STAKE_VAULT_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, authority, config, io_mint, stake_vault, reward_vault, program_data, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let params = Params::parse(data)?;
    payer.check_signer()?;
    payer.check_writable()?;
    Mint::load(io_mint)?;
    check_token_program(token_program)?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    check_upgrade_authority(
        program_data,
        payer.key(),
        program_id,
        StakingError::NotUpgradeAuthority,
    )?;
    let new_config = new_pda(config, &[CONFIG_SEED], program_id)?;
    let new_stake_vault = new_pda(stake_vault, &[STAKE_VAULT_SEED], program_id)?;
    let new_reward_vault = new_pda(reward_vault, &[REWARD_VAULT_SEED], program_id)?;

    for vault in [&new_stake_vault, &new_reward_vault] {
        vault.create_token_account(payer, io_mint, config.key())?;
    }
    let mut state = new_config.init::<Config>(payer, program_id)?;
    state.authority = *authority.key();
    state.io_mint = *io_mint.key();
    state.stake_vault = *stake_vault.key();
    state.reward_vault = *reward_vault.key();
    state.bump = new_config.bump;
    state.stake_vault_bump = new_stake_vault.bump;
    state.reward_vault_bump = new_reward_vault.bump;
    params.apply(&mut state);
    Ok(())
}
