//! `sweep_supplier_pool`: anyone moves what no device can claim any more from the supplier vault
//! to a treasury account (an IO token account of the treasury authority): the supplier amounts of
//! minted epochs with no unclaimed heartbeat weight (no device was live, or every live device
//! claimed), of epochs that left the 72-epoch rings unclaimed (a catch-up crank included), and
//! anything sent to the vault directly. What stays is exactly what claims can still take
//! (`EmissionState::claimable`), so every minted token is either claimable or accounted for in
//! `supplier_swept` and a `SupplierPoolSwept` event.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::pda::find_program_address;
use ionet_sdk::state::Layout;
use ionet_sdk::token::token_account_owner;
use ionet_sdk::token::{TokenAccount, Transfer};
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::shared::{as_state, check_token_program, overflow};
use super::Context;
use crate::error::EmissionError;
use crate::events;
use crate::state::{EmissionState, LivenessPool, LIVENESS_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [state_account, pool_account, supplier_vault, treasury, token_program, ..] = accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    check_token_program(token_program)?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    if token_account_owner::<EmissionError>(treasury, &state.io_mint)? != state.treasury_authority {
        log::log_pubkey(treasury.key());
        return Err(fail(EmissionError::NotTreasuryAuthority));
    }
    // The pool must be the real one: another account would hide the heartbeat weights and sweep
    // rewards devices can still claim. It is the one `LivenessPool` (created only at its PDA, by
    // `initialize`): its owner and discriminator prove it without deriving the address. A state
    // initialised before `initialize` created the pool may not have one yet: the address of an
    // empty pool account is derived.
    let claimable = if pool_account.data_is_empty() {
        if find_program_address(&[LIVENESS_SEED], program_id)?.0 != *pool_account.key() {
            log::log_pubkey(pool_account.key());
            return Err(fail(EmissionError::WrongLivenessPool));
        }
        state.claimable(None)
    } else {
        let pool = LivenessPool::load(pool_account, program_id).map_err(|_| {
            log::log_pubkey(pool_account.key());
            fail(EmissionError::WrongLivenessPool)
        })?;
        state.claimable(Some(&pool))
    }
    .ok_or_else(overflow)?;
    let balance = TokenAccount::load(supplier_vault)?.amount();
    // The vault holds at least what is claimable: every claimable amount was minted into it
    // and claims only ever take from it what they take from the ring.
    let amount = balance.checked_sub(claimable).ok_or_else(overflow)?;
    if amount == 0 {
        return Err(fail(EmissionError::NothingToSweep));
    }
    state.supplier_swept = state
        .supplier_swept
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let (bump, total_swept, last_minted) =
        (state.bump, state.supplier_swept, state.last_minted_epoch);
    drop(state);

    as_state(bump, |signers| {
        Transfer {
            source: supplier_vault,
            destination: treasury,
            authority: state_account,
            amount,
        }
        .invoke_signed(signers)
    })?;
    events::supplier_pool_swept(treasury.key(), amount, claimable, total_swept, last_minted);
    Ok(())
}
