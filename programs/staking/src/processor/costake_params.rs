//! `set_costake_params(min_owner_floor_bps, notice_seconds, max_commission_bps)`: the staking
//! authority (governance after hand-over) sets the co-staking parameters within on-chain bounds.
//! The first call creates the parameters PDA `["costake_params"]` and the co-staking reward vault
//! `["costake_vault"]` (an IO token account owned by the config PDA), `payer` paying their rent
//! (pre-funded addresses are topped up by the SDK's `NewPda`).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_shared::costake_params;
use super::shared::{check_signer_is, check_token_program};
use super::Context;
use crate::error::StakingError;
use crate::state::{Config, CostakeParams, BPS, COSTAKE_PARAMS_SEED, COSTAKE_VAULT_SEED};

/// Bounds of the co-staking parameters.
pub const MIN_FLOOR_BPS: u64 = 500;
pub const MIN_NOTICE_SECONDS: i64 = 24 * 3600;
pub const MAX_NOTICE_SECONDS: i64 = 30 * 24 * 3600;
pub const MAX_COMMISSION_CAP_BPS: u64 = 5_000;

/// The co-staking parameters' on-chain bounds (`set_costake_params`, `update_costake_params` and
/// governance's `check_costake_params` share them).
pub fn within_bounds(floor: u64, notice: i64, max_commission: u64) -> bool {
    (MIN_FLOOR_BPS..=BPS).contains(&floor)
        && (MIN_NOTICE_SECONDS..=MAX_NOTICE_SECONDS).contains(&notice)
        && max_commission <= MAX_COMMISSION_CAP_BPS
}

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [authority, payer, config_account, params, vault, io_mint, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let floor = args.u64()?;
    let notice = args.i64()?;
    let max_commission = args.u64()?;
    args.finish()?;
    if !within_bounds(floor, notice, max_commission) {
        return Err(fail(StakingError::InvalidCostakeParams));
    }
    let config = Config::load(config_account, program_id)?;
    check_signer_is(authority, &config.authority, StakingError::Unauthorized)?;

    if !params.data_is_empty() {
        drop(costake_params(params, program_id)?); // checks it is the parameters
        let mut p = CostakeParams::load_mut(params, program_id)?;
        p.min_owner_floor_bps = floor;
        p.notice_seconds = notice;
        p.max_commission_bps = max_commission;
        return Ok(());
    }
    payer.check_signer()?;
    payer.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    check_token_program(token_program)?;
    if io_mint.key() != &config.io_mint {
        return Err(fail(StakingError::WrongMint));
    }
    let new_params = new_pda(params, &[COSTAKE_PARAMS_SEED], program_id)?;
    let new_vault = new_pda(vault, &[COSTAKE_VAULT_SEED], program_id)?;
    drop(config);

    // The vault's owner: the config PDA (the only Config the program creates; it signs claims).
    new_vault.create_token_account(payer, io_mint, config_account.key())?;
    let mut p = new_params.init::<CostakeParams>(payer, program_id)?;
    p.vault = *vault.key();
    p.min_owner_floor_bps = floor;
    p.notice_seconds = notice;
    p.max_commission_bps = max_commission;
    p.bump = new_params.bump;
    p.vault_bump = new_vault.bump;
    Ok(())
}
