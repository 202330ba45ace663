//! `claim_costake()` (a co-staker, from its position) and `claim_offer_reward()` (the device
//! owner, its commission and own-stake share): each party takes what the device's credited
//! rewards owe it, from the co-staking vault, on its own.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::Transfer;
use ionet_sdk::{log, ProgramError, ProgramResult, Pubkey};

use super::costake_shared::{costake_params, device_offer, staker_position};
use super::shared::{as_config, check_token_account, check_token_program, check_vault, overflow};
use super::Context;
use crate::error::StakingError;
use crate::state::{Config, DeviceOffer};
use crate::{costake, costake_events};

/// A co-staker claims its position's rewards.
pub fn costaker(ctx: &Context) -> ProgramResult {
    claim(ctx, true)
}

/// The device owner claims its commission and own-stake share.
pub fn owner(ctx: &Context) -> ProgramResult {
    claim(ctx, false)
}

/// Accounts: claimant (signer), config, costake params, offer, claimant's token account, the
/// co-staking vault, the token program, then (co-stakers) the position.
#[inline(always)]
fn claim(ctx: &Context, costaker: bool) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [claimant, config_account, params, offer_account, claimant_token, vault, token_program, rest @ ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    claimant.check_signer()?;
    let config = Config::load(config_account, program_id)?;
    let params = costake_params(params, program_id)?;
    check_token_account(claimant_token, &config.io_mint)?;
    check_vault(vault, &params.vault)?;
    check_token_program(token_program)?;
    let device_key: Pubkey = DeviceOffer::load(offer_account, program_id)?.device_key;
    let mut offer = device_offer(offer_account, &device_key, program_id)?;
    let amount = if costaker {
        let position = rest.first().ok_or(ProgramError::NotEnoughAccountKeys)?;
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
