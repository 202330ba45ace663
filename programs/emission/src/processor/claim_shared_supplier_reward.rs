//! `claim_shared_supplier_reward`: the supplier reward of a heartbeat recorded while the device
//! had a co-staking offer (the receipt's `shared` flag). Anyone may send it (a co-staker need not
//! wait for the owner): the share is computed as in `claim_supplier_reward`, paid into the
//! staking program's co-staking vault through its `credit_device_reward` (this program's state
//! PDA, the IO mint authority, signing), which splits it between the owner's commission and all
//! stake on the device. The receipt closes, its rent going to the owner recorded in it.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, ProgramError, ProgramResult};
use staking_state::cpi::CreditDeviceReward;

use super::claim_supplier_reward::{claim_share, load_receipt};
use super::shared::check_token_program;
use super::Context;
use crate::error::EmissionError;
use crate::state::EmissionState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, state_account, pool_account, receipt_account, supplier_vault, staking_program, staking_config, costake_params, device, offer, costake_vault, io_mint, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    owner.check_writable()?;
    check_token_program(token_program)?;
    let state = EmissionState::load_mut(state_account, program_id)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    if staking_program.key() != &state.staking_program
        || staking_config.key() != &state.staking_config
        || io_mint.key() != &state.io_mint
    {
        log::log_pubkey(staking_program.key());
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let receipt = load_receipt(receipt_account, program_id, owner, true)?;
    if !device_key_matches(device, &receipt.device_key, staking_program) {
        return Err(fail(EmissionError::WrongDevice));
    }
    // The staking program checks the offer is the device's, its parameters and vault, and that
    // the signer is the IO mint authority.
    claim_share(
        state,
        pool_account,
        program_id,
        receipt_account,
        owner,
        &receipt,
        |amount, signers| {
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
        },
    )
}

/// The staking `Device` account credited is the receipt's device (its PDA and stored key).
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
