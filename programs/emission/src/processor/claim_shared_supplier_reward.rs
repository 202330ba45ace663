//! `claim_shared_supplier_reward`: the supplier reward of a heartbeat recorded while the device
//! had a co-staking offer (the entry's `shared` flag in the device's liveness account). Anyone
//! may send it (a co-staker need not wait for the owner). Each call claims one epoch, the first
//! claimable shared entry (minted, still in the rings) in ring-slot order: the share is computed as in
//! `claim_supplier_reward`, paid into the staking program's co-staking vault through its
//! `credit_device_reward` (this program's state PDA, the IO mint authority, signing), which
//! splits it between the owner's commission and all stake on the device. One epoch per call
//! because `credit_device_reward` credits one epoch (it counts `epochs_live` and rounds the
//! commission per credit): several calls in one transaction claim several epochs. The entry is
//! cleared; `owner` must be the owner recorded in the liveness account.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, ProgramError, ProgramResult};
use staking_state::cpi::CreditDeviceReward;

use super::claim_supplier_reward::{load_liveness, take_shares};
use super::shared::{as_state, check_token_program};
use super::Context;
use crate::error::EmissionError;
use crate::state::{EmissionState, LivenessPool};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, state_account, pool_account, liveness_account, supplier_vault, staking_program, staking_config, costake_params, device, offer, costake_vault, io_mint, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    check_token_program(token_program)?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    if staking_program.key() != &state.staking_program
        || staking_config.key() != &state.staking_config
        || io_mint.key() != &state.io_mint
    {
        log::log_pubkey(staking_program.key());
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let mut liveness = load_liveness(liveness_account, program_id, owner, true)?;
    if !device_key_matches(device, &liveness.device_key, staking_program) {
        return Err(fail(EmissionError::WrongDevice));
    }
    let mut pool = LivenessPool::load_mut(pool_account, program_id)?;
    let amount = take_shares(&mut state, &mut pool, &mut liveness, true, 1)?;
    let bump = state.bump;
    drop((state, pool, liveness));
    if amount == 0 {
        return Ok(());
    }
    // The staking program checks the offer is the device's, its parameters and vault, and that
    // the signer is the IO mint authority.
    as_state(bump, |signers| {
        CreditDeviceReward {
            staking_program,
            funder: state_account,
            config: staking_config,
            costake_params,
            device,
            offer,
            funder_token: supplier_vault,
            costake_vault,
            io_mint,
            token_program,
            amount,
        }
        .invoke_signed(signers)
    })
}

/// The staking `Device` account credited is the liveness account's device (its PDA and stored key).
fn device_key_matches(
    device: &ionet_sdk::AccountInfo,
    device_key: &ionet_sdk::Pubkey,
    staking_program: &ionet_sdk::AccountInfo,
) -> bool {
    staking_state::load_device(device, device_key, staking_program.key(), || {
        fail(EmissionError::WrongDevice)
    })
    .is_ok()
}
