//! `claim_supplier_reward`: the owner of a device that recorded a heartbeat in an epoch takes its
//! share of that epoch's supplier amount, once the epoch is minted: of what is left unclaimed,
//! `left * weight / weight_left`, rounded down; the claim then removes its amount and its weight
//! from the epoch's slots. The shares never add up to more than the epoch's amount and the last
//! claim takes exactly what is left, so no dust stays behind. The receipt closes, its rent going
//! to the owner; a second claim finds no receipt. Only epochs still in both rings (the last 72
//! minted) can be claimed; what leaves them unclaimed is swept to the treasury.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::math::mul_div;
use ionet_sdk::state::Layout;
use ionet_sdk::token::token_account_owner;
use ionet_sdk::token::Transfer;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult};

use super::shared::{as_state, check_token_program, overflow};
use super::Context;
use crate::error::EmissionError;
use crate::events::SupplierRewardClaimed;
use crate::state::{ring_slot, EmissionState, HeartbeatReceipt, LivenessPool, SUPPLIER_RING};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, state_account, pool_account, receipt_account, supplier_vault, owner_token, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    owner.check_signer()?;
    owner.check_writable()?;
    check_token_program(token_program)?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    token_account_owner::<EmissionError>(owner_token, &state.io_mint)?;
    if receipt_account.data_is_empty() {
        return Err(fail(EmissionError::NoHeartbeat));
    }
    let (device_key, epoch, weight) = {
        let receipt = HeartbeatReceipt::load(receipt_account, program_id)?;
        if owner.key() != &receipt.owner {
            return Err(fail(EmissionError::NotDeviceOwner));
        }
        (receipt.device_key, receipt.epoch, receipt.weight)
    };
    if epoch > state.last_minted_epoch {
        return Err(fail(EmissionError::EpochNotMinted));
    }
    if state.last_minted_epoch - epoch >= SUPPLIER_RING as u64 {
        return Err(fail(EmissionError::EpochOutsideRing));
    }
    let slot = ring_slot(epoch);
    let left = state.supplier_amounts[slot];

    let (amount, total_weight) = {
        let mut pool = LivenessPool::load_mut(pool_account, program_id)?;
        let total_weight = pool
            .total_weight(epoch)
            .ok_or_else(|| fail(EmissionError::EpochOutsideRing))?;
        // weight <= total_weight: the receipt's weight is part of what is left of the epoch's total.
        let amount = mul_div(left, weight, total_weight).ok_or_else(overflow)?;
        pool.paid = pool.paid.checked_add(amount).ok_or_else(overflow)?;
        pool.total_weights[slot] = total_weight.checked_sub(weight).ok_or_else(overflow)?;
        (amount, total_weight)
    };
    state.supplier_amounts[slot] = left - amount; // amount <= left since weight <= total_weight
    let bump = state.bump;
    drop(state);
    if amount > 0 {
        as_state(bump, |signers| {
            Transfer {
                source: supplier_vault,
                destination: owner_token,
                authority: state_account,
                amount,
            }
            .invoke_signed(signers)
        })?;
    }
    close(receipt_account, owner)?;
    SupplierRewardClaimed {
        device_key: &device_key,
        owner: owner.key(),
        epoch,
        weight,
        total_weight,
        amount,
    }
    .emit();
    Ok(())
}

/// Closes `account` (owned by this program): its lamports go to `to` and its data is zeroed, so
/// nothing loads it again and the runtime removes it after the transaction.
fn close(account: &AccountInfo, to: &AccountInfo) -> ProgramResult {
    let rent = account.lamports();
    to.set_lamports(to.lamports().checked_add(rent).ok_or_else(overflow)?);
    account.set_lamports(0);
    account.try_borrow_mut_data()?.fill(0);
    Ok(())
}
