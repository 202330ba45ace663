//! `claim_costake()` (a co-staker, from its position) and `claim_offer_reward()` (the device
//! owner, its commission and own-stake share): each party takes what the device's credited
//! rewards owe it, from the co-staking vault, on its own.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::costake_shared::{costake_params, device_offer, staker_position};
use super::shared::{as_config, check_token_program, overflow};
use super::Context;
use crate::error::StakingError;
use crate::state::{Config, DeviceOffer};
use crate::{costake, costake_events};

/// A co-staker claims its position's rewards.
pub fn costaker(ctx: &Context) -> ProgramResult {
    let accounts = ctx.accounts;
    let [staker, config, costake_params, offer, staker_token, costake_vault, token_program, position, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let accounts = Claim {
        claimant: staker,
        config_account: config,
        params: costake_params,
        offer_account: offer,
        claimant_token: staker_token,
        vault: costake_vault,
        token_program,
    };
    claim(ctx, &accounts, Some(position))
}

/// The device owner claims its commission and own-stake share.
pub fn owner(ctx: &Context) -> ProgramResult {
    let accounts = ctx.accounts;
    let [owner, config, costake_params, offer, owner_token, costake_vault, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let accounts = Claim {
        claimant: owner,
        config_account: config,
        params: costake_params,
        offer_account: offer,
        claimant_token: owner_token,
        vault: costake_vault,
        token_program,
    };
    claim(ctx, &accounts, None)
}

/// The accounts both claims take, in this order: then a co-staker's claim takes its position.
struct Claim<'a> {
    claimant: &'a AccountInfo,
    config_account: &'a AccountInfo,
    params: &'a AccountInfo,
    offer_account: &'a AccountInfo,
    claimant_token: &'a AccountInfo,
    vault: &'a AccountInfo,
    token_program: &'a AccountInfo,
}

/// Pays the claimant: the co-staker of `position`, or (none) the offer's owner.
#[inline(always)]
fn claim(ctx: &Context, accounts: &Claim, position: Option<&AccountInfo>) -> ProgramResult {
    let Context {
        program_id, data, ..
    } = *ctx;
    let Claim {
        claimant,
        config_account,
        params,
        offer_account,
        claimant_token,
        vault,
        token_program,
    } = *accounts;
    no_args(data)?;
    claimant.check_signer()?;
    let config = Config::load(config_account, program_id)?;
    let params = costake_params(params, program_id)?;
    check_token_account_mint::<StakingError>(claimant_token, &config.io_mint)?;
    vault.check_recorded(&params.vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;
    let device_key: Pubkey = DeviceOffer::load(offer_account, program_id)?.device_key;
    let mut offer = device_offer(offer_account, &device_key, program_id)?;
    let amount = if let Some(position) = position {
        let mut position = staker_position(position, claimant, &device_key, program_id)?;
        costake::settle(&mut position, &offer).ok_or_else(overflow)?;
        let amount = position.unclaimed;
        if amount == 0 {
            return Err(fail(StakingError::NothingToClaim));
        }
        offer.costake_claimed = offer
            .costake_claimed
            .checked_add(amount)
            .ok_or_else(overflow)?;
        position.claimed = position.claimed.checked_add(amount).ok_or_else(overflow)?;
        position.unclaimed = 0;
        amount
    } else {
        if claimant.key() != &offer.owner {
            log::log_pubkey(claimant.key());
            return Err(fail(StakingError::WrongOwner));
        }
        let amount = offer.owner_unclaimed;
        if amount == 0 {
            return Err(fail(StakingError::NothingToClaim));
        }
        offer.owner_claimed = offer
            .owner_claimed
            .checked_add(amount)
            .ok_or_else(overflow)?;
        offer.owner_unclaimed = 0;
        amount
    };
    let bump = config.bump;
    drop((config, params, offer));

    as_config(bump, |signers| {
        Transfer {
            source: vault,
            destination: claimant_token,
            authority: config_account,
            amount,
        }
        .invoke_signed(signers)
    })?;
    costake_events::reward_claimed(&device_key, claimant.key(), amount)
}
