//! `slash(amount)`: takes `amount` from a device's stake (active first, then cooldowns; with a
//! co-staking offer the owner's own stake first, then co-stake pro rata), burns the configured
//! share through the emission program's burn ledger (see `emission_burn`) and pays the rest to the
//! beneficiary (who proved the fault). Only the configured slasher (the jobs program's PDA, which
//! slashes on a proven fault, never more than the job's reserve) or a registered one
//! (`slashers`) may sign: not the authority, so governance cannot slash.
//!
//! Trailing accounts: after the nine named ones (`emission_state` last) come optional ones, in
//! any order. Two kinds are recognised, each by its owner (this program) and its account
//! discriminator, then checked in full before any effect:
//! - the device's `DeviceOffer` (writable), required when the device has an offer: its device
//!   key is checked (`device_offer`), else `WrongOffer`;
//!   missing, `OfferAccountMissing`. Ignored for a device without an offer.
//! - the signer's `SlasherEntry`, required when the signer is not the configured slasher: it
//!   must name the signer (`check_slasher`), else `NotSlasher`. Entries only come from
//!   `add_slasher` at their PDA, so owner and type are proof enough.
//!
//! Any other trailing account is skipped, read no further than its discriminator (a client may
//! pass the offer address of a device that has none); a second one of either kind is refused
//! (`WrongAccountType`). No account's meaning depends on its position. The trailing accounts are
//! sorted out before the config and device are borrowed, so passing either of those there
//! changes nothing.

use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::Transfer;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::costake_shared::device_offer;
use super::shared::{as_config, check_token_program, overflow};
use super::Context;
use crate::emission_burn::EmissionBurn;
use crate::error::StakingError;
use crate::events::Slashed;
use crate::instruction::amount_arg;
use crate::slashers::{check_slasher, SlasherEntry};
use crate::state::{Config, Device, DeviceOffer, BPS};
use crate::{cooldown, costake, costake_events};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [slasher, config_account, device, stake_vault, io_mint, beneficiary, token_program, emission_program, emission_state, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    slasher.check_signer()?;
    let trailing = Trailing::find(accounts.get(9..).unwrap_or_default(), program_id)?;
    let mut config = Config::load_mut(config_account, program_id)?;
    check_slasher(slasher, &config, trailing.slasher_entry, program_id)?;
    let mut device = Device::load_mut(device, program_id)?;
    stake_vault.check_recorded(&config.stake_vault, StakingError::WrongVault)?;
    if io_mint.key() != &config.io_mint {
        return Err(fail(StakingError::WrongMint));
    }
    io_mint.check_writable()?;
    check_token_account_mint::<StakingError>(beneficiary, &config.io_mint)?;
    check_token_program(token_program)?;
    let ledger = EmissionBurn {
        emission_program,
        emission_state,
    };
    ledger.check(io_mint)?;
    // A device with a co-staking offer: first loss to the owner's own stake, then co-stake pro
    // rata (`crate::costake::slash`).
    let mut offer = match device.offer {
        0 => None,
        _ => {
            let account = trailing
                .offer
                .ok_or_else(|| fail(StakingError::OfferAccountMissing))?;
            Some(device_offer(account, &device.device_key, program_id)?)
        }
    };
    let at_stake = match &offer {
        None => device.at_stake(),
        Some(offer) => costake::at_stake(&device, offer),
    };
    if amount > at_stake.ok_or_else(overflow)? {
        return Err(fail(StakingError::SlashExceedsStake));
    }

    let split = match offer.as_deref_mut() {
        None => None,
        Some(offer) => Some(costake::slash(&mut device, offer, amount).ok_or_else(overflow)?),
    };
    let from_active = match (&split, &offer) {
        (Some(split), Some(offer)) => split.from_device_stake(offer.is_open()),
        _ => {
            let from_active = amount.min(device.stake);
            device.stake -= from_active;
            cooldown::take_up_to(&mut device.cooldowns, amount - from_active);
            from_active
        }
    };
    config.total_device_stake = config
        .total_device_stake
        .checked_sub(from_active)
        .ok_or_else(overflow)?;
    let burned = math::mul_div(amount, config.slash_burn_bps, BPS).ok_or_else(overflow)?;
    let paid = amount - burned; // burned <= amount since slash_burn_bps <= BPS
    config.slashed_burned = config
        .slashed_burned
        .checked_add(burned)
        .ok_or_else(overflow)?;
    config.slashed_paid = config.slashed_paid.checked_add(paid).ok_or_else(overflow)?;
    let (bump, device_key, owner) = (config.bump, device.device_key, device.owner);
    drop((config, device, offer));

    as_config(bump, |signers| {
        if burned > 0 {
            ledger.invoke(
                config_account,
                stake_vault,
                io_mint,
                token_program,
                burned,
                signers,
            )?;
        }
        if paid > 0 {
            Transfer {
                source: stake_vault,
                destination: beneficiary,
                authority: config_account,
                amount: paid,
            }
            .invoke_signed(signers)?;
        }
        Ok::<(), ProgramError>(())
    })?;
    if let Some(split) = &split {
        costake_events::costake_slashed(&device_key, &owner, split)?;
    }
    Slashed {
        device_key: &device_key,
        slasher: slasher.key(),
        beneficiary: beneficiary.key(),
        amount,
        burned,
        paid,
    }
    .emit()
}

/// `slash`'s optional trailing accounts, recognised by owner and discriminator (see the module
/// documentation); each is checked in full where it is used.
struct Trailing<'a> {
    offer: Option<&'a AccountInfo>,
    slasher_entry: Option<&'a AccountInfo>,
}

impl<'a> Trailing<'a> {
    fn find(accounts: &'a [AccountInfo], program_id: &Pubkey) -> Result<Self, ProgramError> {
        let mut found = Trailing {
            offer: None,
            slasher_entry: None,
        };
        for account in accounts {
            if !account.is_owned_by(program_id) {
                // Never read: a caller may pass the offer address of a device without an offer.
                continue;
            }
            let kind = match account.try_borrow_data()?.first_chunk::<8>() {
                Some(d) if d == &DeviceOffer::DISCRIMINATOR => &mut found.offer,
                Some(d) if d == &SlasherEntry::DISCRIMINATOR => &mut found.slasher_entry,
                _ => continue,
            };
            if kind.replace(account).is_some() {
                return Err(unexpected(account));
            }
        }
        Ok(found)
    }
}

#[cold]
fn unexpected(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(StakingError::WrongAccountType)
}
