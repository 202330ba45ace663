//! `claim_supplier_reward`: the owner of a device that recorded a heartbeat in an epoch takes its
//! share of that epoch's supplier amount, once the epoch is minted: of what is left unclaimed,
//! `left * weight / weight_left`, rounded down; the claim then removes its amount and its weight
//! from the epoch's slots. The shares never add up to more than the epoch's amount and the last
//! claim takes exactly what is left, so no dust stays behind. The receipt closes, its rent going
//! to the owner; a second claim finds no receipt. Only epochs still in both rings (the last 72
//! minted) can be claimed; what leaves them unclaimed is swept to the treasury.

use ionet_sdk::account::RefMut;
use ionet_sdk::args::no_args;
use ionet_sdk::cpi::Signer;
use ionet_sdk::error::fail;
use ionet_sdk::math::mul_div;
use ionet_sdk::state::Layout;
use ionet_sdk::token::token_account_owner;
use ionet_sdk::token::Transfer;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

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
    let state = EmissionState::load_mut(state_account, program_id)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    token_account_owner::<EmissionError>(owner_token, &state.io_mint)?;
    let receipt = load_receipt(receipt_account, program_id, owner, false)?;
    claim_share(
        state,
        pool_account,
        program_id,
        receipt_account,
        owner,
        &receipt,
        |amount, signers| {
            Transfer {
                source: supplier_vault,
                destination: owner_token,
                authority: state_account,
                amount,
            }
            .invoke_signed(signers)
        },
    )
}

/// What a claim reads from its heartbeat receipt.
pub struct Receipt {
    pub device_key: Pubkey,
    pub epoch: u64,
    pub weight: u64,
}

/// Loads the heartbeat receipt `owner` claims (`NoHeartbeat` when there is none): it must be
/// `owner`'s and recorded while the device had a co-staking offer (`shared`) or not, as the
/// instruction claiming it expects.
#[inline(always)]
pub fn load_receipt(
    receipt_account: &AccountInfo,
    program_id: &Pubkey,
    owner: &AccountInfo,
    shared: bool,
) -> Result<Receipt, ProgramError> {
    let (not_owner, wrong_kind) = if shared {
        (
            EmissionError::WrongReceiptOwner,
            EmissionError::RewardNotShared,
        )
    } else {
        (EmissionError::NotDeviceOwner, EmissionError::RewardIsShared)
    };
    if receipt_account.data_is_empty() {
        return Err(fail(EmissionError::NoHeartbeat));
    }
    let receipt = HeartbeatReceipt::load(receipt_account, program_id)?;
    if owner.key() != &receipt.owner {
        return Err(fail(not_owner));
    }
    if (receipt.shared != 0) != shared {
        return Err(fail(wrong_kind));
    }
    Ok(Receipt {
        device_key: receipt.device_key,
        epoch: receipt.epoch,
        weight: receipt.weight,
    })
}

/// Takes `receipt`'s share of its epoch ([`take_share`], from `state` and the pool), pays it
/// through `pay` (signed by the state PDA) when it is not zero, then closes the receipt (its rent
/// to `owner`) and emits `SupplierRewardClaimed`.
#[inline(always)]
pub fn claim_share(
    mut state: RefMut<EmissionState>,
    pool_account: &AccountInfo,
    program_id: &Pubkey,
    receipt_account: &AccountInfo,
    owner: &AccountInfo,
    receipt: &Receipt,
    pay: impl FnOnce(u64, &[Signer]) -> ProgramResult,
) -> ProgramResult {
    let (amount, total_weight) = take_share(
        &mut state,
        pool_account,
        program_id,
        receipt.epoch,
        receipt.weight,
    )?;
    let bump = state.bump;
    drop(state);
    if amount > 0 {
        as_state(bump, |signers| pay(amount, signers))?;
    }
    close(receipt_account, owner)?;
    SupplierRewardClaimed {
        device_key: &receipt.device_key,
        owner: owner.key(),
        epoch: receipt.epoch,
        weight: receipt.weight,
        total_weight,
        amount,
    }
    .emit();
    Ok(())
}

/// Takes the share of `epoch`'s supplier amount owed to a receipt of `weight` (see the module
/// docs) out of the state's and the pool's slots; returns it and the epoch's unclaimed weight
/// before the claim. Always inlined: its arguments and result are more than SBPF's five argument
/// registers.
#[inline(always)]
pub fn take_share(
    state: &mut EmissionState,
    pool_account: &AccountInfo,
    program_id: &Pubkey,
    epoch: u64,
    weight: u64,
) -> Result<(u64, u64), ProgramError> {
    if epoch > state.last_minted_epoch {
        return Err(fail(EmissionError::EpochNotMinted));
    }
    if state.last_minted_epoch - epoch >= SUPPLIER_RING as u64 {
        return Err(fail(EmissionError::EpochOutsideRing));
    }
    let slot = ring_slot(epoch);
    let left = state.supplier_amounts[slot];
    let mut pool = LivenessPool::load_mut(pool_account, program_id)?;
    let total_weight = pool
        .total_weight(epoch)
        .ok_or_else(|| fail(EmissionError::EpochOutsideRing))?;
    // weight <= total_weight: the receipt's weight is part of what is left of the epoch's total.
    let amount = mul_div(left, weight, total_weight).ok_or_else(overflow)?;
    pool.paid = pool.paid.checked_add(amount).ok_or_else(overflow)?;
    pool.total_weights[slot] = total_weight.checked_sub(weight).ok_or_else(overflow)?;
    state.supplier_amounts[slot] = left - amount; // amount <= left since weight <= total_weight
    Ok((amount, total_weight))
}

/// Closes `account` (owned by this program): its lamports go to `to` and its data is zeroed, so
/// nothing loads it again and the runtime removes it after the transaction.
pub fn close(account: &AccountInfo, to: &AccountInfo) -> ProgramResult {
    let rent = account.lamports();
    to.set_lamports(to.lamports().checked_add(rent).ok_or_else(overflow)?);
    account.set_lamports(0);
    account.try_borrow_mut_data()?.fill(0);
    Ok(())
}
