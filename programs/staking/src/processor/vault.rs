//! The IO a holder moves between its own token account and the stake vault: `stake`,
//! `stake_device` and `costake` deposit it, `withdraw`, `withdraw_device` and `withdraw_costake`
//! pay it out.

use ionet_sdk::token::{check_token_account_mint, Transfer};
use ionet_sdk::{AccountInfo, ProgramResult};

use super::shared::{as_config, check_token_program};
use crate::error::StakingError;
use crate::state::Config;

/// `holder_token` is an IO token account, `stake_vault` the config's and `token_program` SPL
/// Token.
#[inline(always)]
pub fn check_vault_accounts(
    config: &Config,
    holder_token: &AccountInfo,
    stake_vault: &AccountInfo,
    token_program: &AccountInfo,
) -> ProgramResult {
    check_token_account_mint::<StakingError>(holder_token, &config.io_mint)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    check_token_program(token_program)
}

/// Moves `amount` from `holder_token` into the stake vault (`holder` signs).
#[inline(always)]
pub fn deposit(
    holder: &AccountInfo,
    holder_token: &AccountInfo,
    stake_vault: &AccountInfo,
    amount: u64,
) -> ProgramResult {
    Transfer {
        source: holder_token,
        destination: stake_vault,
        authority: holder,
        amount,
    }
    .invoke()
}

/// Pays `amount` from the stake vault into `holder_token`, the config PDA (`config_account`, of
/// `bump`) signing.
#[inline(always)]
pub fn pay_out(
    config_account: &AccountInfo,
    bump: u8,
    stake_vault: &AccountInfo,
    holder_token: &AccountInfo,
    amount: u64,
) -> ProgramResult {
    as_config(bump, |signers| {
        Transfer {
            source: stake_vault,
            destination: holder_token,
            authority: config_account,
            amount,
        }
        .invoke_signed(signers)
    })
}
