//! `claim_supplier_reward`: the owner of a device takes, at once, its share of every epoch its
//! liveness account holds a heartbeat for that is minted and still in the ring (the last 72
//! minted epochs, while the liveness pool still holds the epoch's weight), paid in one transfer.
//! Each epoch's share is exactly what a claim of that epoch alone takes: of what is left
//! unclaimed, `left * weight / weight_left`, rounded down; the claim then removes its amount and
//! its weight from the epoch's slots. The shares never add up to more than the epoch's amount
//! and the last claim takes exactly what is left, so no dust stays behind. The entries claimed
//! are marked claimed (a second claim finds nothing: `NoHeartbeat`), each logs its
//! `SupplierRewardClaimed` (in ring-slot order). Epochs not minted yet stay for a later claim;
//! what leaves the rings unclaimed is swept to the treasury. Entries recorded while the device
//! had a co-staking offer are `claim_shared_supplier_reward`'s.

use ionet_sdk::account::RefMut;
use ionet_sdk::args::no_args;
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
use crate::state::{DeviceLiveness, EmissionState, LivenessPool, SUPPLIER_RING, UNCLAIMED_WORDS};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, state_account, pool_account, liveness_account, supplier_vault, owner_token, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    owner.check_signer()?;
    check_token_program(token_program)?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    token_account_owner::<EmissionError>(owner_token, &state.io_mint)?;
    let mut liveness = load_liveness(liveness_account, program_id, owner, false)?;
    let mut pool = LivenessPool::load_mut(pool_account, program_id)?;
    let claimed = take_shares(&mut state, &mut pool, &mut liveness, false, SUPPLIER_RING)?;
    let bump = state.bump;
    drop((state, pool, liveness));
    if claimed > 0 {
        as_state(bump, |signers| {
            Transfer {
                source: supplier_vault,
                destination: owner_token,
                authority: state_account,
                amount: claimed,
            }
            .invoke_signed(signers)
        })?;
    }
    Ok(())
}

/// Loads the liveness account of the device `owner` claims for (`NoHeartbeat` when there is
/// none): it must be this program's `DeviceLiveness` and `owner`'s (`NotDeviceOwner`, or
/// `WrongLivenessOwner` on the shared path, where `owner` need not sign).
#[inline(always)]
pub fn load_liveness<'a>(
    liveness_account: &'a AccountInfo,
    program_id: &Pubkey,
    owner: &AccountInfo,
    shared: bool,
) -> Result<RefMut<'a, DeviceLiveness>, ProgramError> {
    if liveness_account.data_is_empty() {
        return Err(fail(EmissionError::NoHeartbeat));
    }
    let liveness = DeviceLiveness::load_mut(liveness_account, program_id)
        .map_err(|_| fail(EmissionError::WrongLivenessAccount))?;
    if owner.key() != &liveness.owner {
        return Err(fail(if shared {
            EmissionError::WrongLivenessOwner
        } else {
            EmissionError::NotDeviceOwner
        }));
    }
    Ok(liveness)
}

/// Takes the shares of up to `max` claimable entries of `liveness` of the kind `shared`, in slot
/// order (see the module docs): each out of the state's and the pool's slots, its entry
/// cleared and its `SupplierRewardClaimed` logged. Returns their sum. Fails when no entry is
/// claimable: `RewardIsShared` / `RewardNotShared` when only entries of the other kind are,
/// `EpochNotMinted` when an entry waits for the crank, `EpochOutsideRing` when an unclaimed
/// entry left the rings, else `NoHeartbeat`.
#[inline(always)]
pub fn take_shares(
    state: &mut EmissionState,
    pool: &mut LivenessPool,
    liveness: &mut DeviceLiveness,
    shared: bool,
    max: usize,
) -> Result<u64, ProgramError> {
    let last = state.last_minted_epoch;
    let first = last.saturating_sub(SUPPLIER_RING as u64 - 1).max(1);
    let (mut claimed, mut count) = (0u64, 0usize);
    // Why nothing may be claimable: an entry of the other kind, one waiting for the crank, one
    // that left the rings.
    let (mut other_kind, mut waiting, mut stale) = (false, false, false);
    // The unclaimed entries, by their bits (slot order): the rest of the ring costs nothing.
    'scan: for word in 0..UNCLAIMED_WORDS {
        let mut bits = liveness.unclaimed[word];
        while bits != 0 {
            let slot = word * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if slot >= SUPPLIER_RING {
                break;
            }
            let epoch = u64::from(liveness.epochs[slot]);
            if epoch > last {
                waiting = true;
                continue;
            }
            // The pool holds the epoch's weight while it is among its last 72 epochs.
            let weight_left = match pool.total_weight(epoch) {
                Some(w) if epoch >= first => w,
                _ => {
                    stale |= epoch != 0; // epoch 0 (before the schedule) is never claimable
                    continue;
                }
            };
            let weight = liveness.weights[slot];
            if liveness.is_shared(slot) != shared {
                other_kind = true;
                continue;
            }
            let left = state.supplier_amounts[slot];
            // weight <= weight_left: the entry's weight is part of what is left of the epoch's total.
            let amount = mul_div(left, weight, weight_left).ok_or_else(overflow)?;
            pool.paid = pool.paid.checked_add(amount).ok_or_else(overflow)?;
            pool.total_weights[slot] = weight_left.checked_sub(weight).ok_or_else(overflow)?;
            state.supplier_amounts[slot] = left - amount; // amount <= left since weight <= weight_left
            liveness.clear(slot);
            claimed = claimed.checked_add(amount).ok_or_else(overflow)?;
            SupplierRewardClaimed {
                device_key: &liveness.device_key,
                owner: &liveness.owner,
                epoch,
                weight,
                total_weight: weight_left,
                amount,
            }
            .emit();
            count += 1;
            if count == max {
                break 'scan;
            }
        }
    }
    if count > 0 {
        return Ok(claimed);
    }
    if other_kind {
        return Err(fail(if shared {
            EmissionError::RewardNotShared
        } else {
            EmissionError::RewardIsShared
        }));
    }
    Err(fail(if waiting {
        EmissionError::EpochNotMinted
    } else if stale {
        EmissionError::EpochOutsideRing
    } else {
        EmissionError::NoHeartbeat
    }))
}
