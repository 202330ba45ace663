//! `open_offer(commission_bps, max_costake, min_owner_bps)`: the device owner offers co-staking on
//! the device: the commission it keeps of the device's supplier rewards (at most the protocol's
//! maximum), the most co-stake it accepts and the share of the active stake it keeps own (at
//! least the protocol's floor). Creates the offer at the seeded address of `"offer"` + the device
//! key (`staking_state::KeySeed`) under the config PDA, which signs (owner paying; a pre-funded
//! address is topped up; no bump is searched), and marks the device, so its owner's unstakes,
//! its slashes and its supplier rewards go through the offer from then on: the mark, not the
//! address, makes the offer one per device. A closed offer every co-staker has left can be opened
//! again with new terms.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::state::Layout;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::costake_shared::{costake_params, device_offer};
use super::shared::{as_config, now, owned_device};
use super::Context;
use crate::costake_events;
use crate::error::StakingError;
use crate::state::{Config, CostakeParams, DeviceOffer, KeySeed, BPS, OFFER_TAG};

/// The offer's terms, checked against the parameters.
pub struct Terms {
    pub commission_bps: u64,
    pub max_costake: u64,
    pub min_owner_bps: u64,
}

impl Terms {
    pub fn parse(data: &[u8], params: &CostakeParams) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let terms = Terms {
            commission_bps: args.u64()?,
            max_costake: args.u64()?,
            min_owner_bps: args.u64()?,
        };
        args.finish()?;
        if terms.commission_bps > params.max_commission_bps {
            return Err(fail(StakingError::CommissionTooHigh));
        }
        if terms.min_owner_bps < params.min_owner_floor_bps || terms.min_owner_bps > BPS {
            return Err(fail(StakingError::OwnerShareTooLow));
        }
        Ok(terms)
    }
}

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, config, device, offer, params, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    owner.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let config_bump = Config::load(config, program_id)?.bump;
    let terms = Terms::parse(data, &*costake_params(params, program_id)?)?;
    let mut device = owned_device(device, owner, program_id)?;
    let device_key: Pubkey = device.device_key;
    if device.offer != 0 {
        return reopen(offer, &device_key, &terms, program_id);
    }
    let seed = KeySeed::new(OFFER_TAG, &device_key);
    let new = new_seeded(offer, config, seed.as_bytes(), program_id)?;
    let opened_ts = now()?;

    let mut state = as_config(config_bump, |signers| {
        new.init::<DeviceOffer>(owner, signers.first())
    })?;
    state.device_key = device_key;
    state.owner = *owner.key();
    state.commission_bps = terms.commission_bps;
    state.max_costake = terms.max_costake;
    state.min_owner_bps = terms.min_owner_bps;
    state.opened_ts = opened_ts;
    device.offer = 1;
    costake_events::offer_changed(&state)
}

/// Opens again a closed offer every co-staker has left (both pools without shares); any other
/// existing offer is refused (`OfferExists`). Its reward index and counters carry on.
fn reopen(
    offer: &AccountInfo,
    device_key: &Pubkey,
    terms: &Terms,
    program_id: &Pubkey,
) -> ProgramResult {
    let mut state = device_offer(offer, device_key, program_id)?;
    if state.is_open() || state.active_shares != 0 || state.cooling_shares != 0 {
        return Err(fail(StakingError::OfferExists));
    }
    state.commission_bps = terms.commission_bps;
    state.pending_commission_bps = 0;
    state.pending_ts = 0;
    state.max_costake = terms.max_costake;
    state.min_owner_bps = terms.min_owner_bps;
    state.closed_unlock_ts = 0;
    state.opened_ts = now()?;
    costake_events::offer_changed(&state)
}
