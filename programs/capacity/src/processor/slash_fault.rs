//! `slash_fault()`: anyone (the keeper, typically) slashes a device whose record holds a proven
//! fault (`prove` recorded a committed entry that is not the product's): the device's free active
//! stake (its stake less the reserve for its claimed jobs, which the jobs program may still
//! need) through the staking program's `slash`, this program's config PDA signing as a
//! registered slasher (staking's `add_slasher`). Staking burns its configured share through the
//! emission program's burn ledger and pays the rest to the treasury (an IO token account of the
//! emission state's treasury authority), not to the caller: the device's owner gains nothing by
//! sending it. Once per device (`fault_slashed`, then `FaultAlreadySlashed`); emits `FaultSlashed`
//! with the fault code.
//!
//! A device with a co-staking offer takes its offer (the staking `DeviceOffer` of its device key)
//! as a thirteenth account, passed on to staking's `slash` (which requires it for such a device
//! and checks it): the first loss is the owner's own stake, then co-stake pro rata. The amount is
//! the device's free active stake, co-stake included (staking counts active co-stake in it).
//!
//! A separate instruction rather than a step of `prove`: slashing takes twelve more accounts,
//! which would not fit beside the largest class's proof in one transaction.

use ionet_sdk::cpi::{Seed, Signer};
use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::event;
use ionet_sdk::state::Layout;
use ionet_sdk::token::TokenAccount;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult};
use staking_state::cpi::Slash as SlashCpi;

use super::Context;
use crate::error::CapacityError;
use crate::state::{CapacityConfig, DeviceCapacity, CONFIG_SEED, FAULT_WRONG_ENTRY};

/// The emission program's `EmissionState`: its discriminator and where its treasury authority
/// lies (after the discriminator and the authority), as `programs-idl/emission.json` lays it out.
const EMISSION_STATE: [u8; 8] = discriminator::account("EmissionState");
const TREASURY_AUTHORITY: usize = 8 + 32;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, record, staking_program, staking_config, device, stake_vault, io_mint, treasury, token_program, emission_program, emission_state, slasher_entry, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let (bump, staking_id) = {
        let cfg = CapacityConfig::load(config, program_id)?;
        (cfg.bump, cfg.staking_program)
    };
    staking_program.check_program(&staking_id)?;
    let (device_key, amount) = {
        let mut state = DeviceCapacity::load_mut(record, program_id)?;
        if state.faults == 0 {
            return Err(fail(CapacityError::NoFaultToSlash));
        }
        if state.fault_slashed != 0 {
            return Err(fail(CapacityError::FaultAlreadySlashed));
        }
        let dev = staking_state::load_device(device, &state.device_key, &staking_id, || {
            fail(CapacityError::WrongDevice)
        })?;
        check_treasury(treasury, emission_program, emission_state)?;
        state.fault_slashed = FAULT_WRONG_ENTRY;
        (state.device_key, dev.stake.saturating_sub(dev.job_reserve))
    };
    if amount > 0 {
        let bump = [bump];
        let seeds = [Seed::new(CONFIG_SEED), Seed::new(&bump)];
        SlashCpi {
            staking_program,
            slasher: config,
            staking_config,
            device,
            stake_vault,
            io_mint,
            beneficiary: treasury,
            token_program,
            emission_program,
            emission_state,
            offer: accounts.get(12),
            slasher_entry: Some(slasher_entry),
        }
        .invoke_signed(amount, &[Signer::from(&seeds)])?;
    }
    // FaultSlashed { device_key, fault, amount }.
    let mut payload = [0u8; 32 + 1 + 8];
    payload[..32].copy_from_slice(&device_key);
    payload[32] = FAULT_WRONG_ENTRY;
    payload[33..].copy_from_slice(&amount.to_le_bytes());
    event::emit(&const { discriminator::event("FaultSlashed") }, &payload)
}

/// `treasury` is an IO token account (staking checks the mint) owned by the treasury authority of
/// `emission_state`, the emission program's state (staking checks that it is the IO mint's
/// authority, owned by `emission_program`).
fn check_treasury(
    treasury: &AccountInfo,
    emission_program: &AccountInfo,
    emission_state: &AccountInfo,
) -> ProgramResult {
    let owner_ok = {
        let data = emission_state.try_borrow_data()?;
        let authority = data.get(TREASURY_AUTHORITY..TREASURY_AUTHORITY + 32);
        let token = TokenAccount::load(treasury)?;
        emission_state.is_owned_by(emission_program.key())
            && data.first_chunk::<8>() == Some(&EMISSION_STATE)
            && authority == Some(token.owner().as_slice())
    };
    if !owner_ok {
        log::log_pubkey(treasury.key());
        return Err(fail(CapacityError::WrongTreasury));
    }
    Ok(())
}
