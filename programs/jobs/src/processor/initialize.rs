//! `initialize(params)`: creates the config PDA, the IO and USDC treasuries and the checker vault
//! (token accounts owned by the config PDA) and the checker registry, and records the staking program. Only this program's upgrade
//! authority may run it (read from its ProgramData account): it signs and pays and names the
//! authority and arbiter in `params`, so nobody can take over a fresh deployment.

use ionet_sdk::loader::check_upgrade_authority;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::token::Mint;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::check_token_program;
use super::Context;
use crate::audit_state::CheckerRegistry;
use crate::error::JobsError;
use crate::instruction::Params;
use crate::state::{JobsConfig, CHECKERS_SEED, CHECKER_VAULT_SEED, CONFIG_SEED, TREASURY_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, config, io_mint, usdc_mint, io_treasury, usdc_treasury, checker_vault, registry, staking_program, program_data, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let params = Params::parse(data)?;
    payer.check_signer()?;
    payer.check_writable()?;
    Mint::load(io_mint)?;
    Mint::load(usdc_mint)?;
    if io_mint.key() == usdc_mint.key() {
        return Err(ProgramError::InvalidArgument);
    }
    staking_program.check_executable()?;
    check_token_program(token_program)?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    check_upgrade_authority(
        program_data,
        payer.key(),
        program_id,
        JobsError::NotUpgradeAuthority,
    )?;
    let new_config = new_pda(config, &[CONFIG_SEED], program_id)?;
    let io_seeds: [&[u8]; 2] = [TREASURY_SEED, io_mint.key()];
    let usdc_seeds: [&[u8]; 2] = [TREASURY_SEED, usdc_mint.key()];
    let new_io = new_pda(io_treasury, &io_seeds, program_id)?;
    let new_usdc = new_pda(usdc_treasury, &usdc_seeds, program_id)?;
    let new_vault = new_pda(checker_vault, &[CHECKER_VAULT_SEED], program_id)?;
    let new_registry = new_pda(registry, &[CHECKERS_SEED], program_id)?;

    new_config.create(payer, JobsConfig::LEN, program_id)?;
    for (treasury, mint) in [(&new_io, io_mint), (&new_usdc, usdc_mint)] {
        treasury.create_token_account(payer, mint, config.key())?;
    }
    new_vault.create_token_account(payer, io_mint, config.key())?;
    new_registry.create(payer, CheckerRegistry::LEN, program_id)?;
    CheckerRegistry::init(registry, program_id)?.bump = new_registry.bump;

    let mut state = JobsConfig::init(config, program_id)?;
    state.io_mint = *io_mint.key();
    state.usdc_mint = *usdc_mint.key();
    state.io_treasury = *io_treasury.key();
    state.usdc_treasury = *usdc_treasury.key();
    state.staking_program = *staking_program.key();
    state.bump = new_config.bump;
    state.io_treasury_bump = new_io.bump;
    state.usdc_treasury_bump = new_usdc.bump;
    state.checker_vault = *checker_vault.key();
    state.checker_vault_bump = new_vault.bump;
    state.registry_bump = new_registry.bump;
    params.apply(&mut state);
    Ok(())
}
