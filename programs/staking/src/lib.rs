//! The ionet staking program: IO stake with a cooldown, staker rewards through a reward-per-token
//! index, GPU device stake (eligibility collateral), slashing by an authorised program, and the
//! governance vote lock (`lock_position`, by the authority: the governance PDA) that keeps stake
//! which voted from leaving its position until the vote ends.
//!
//! Accounts, instructions, errors and events are described byte for byte by
//! `programs-idl/staking.json`; the Go client in `client/staking` is generated from it.
//! The account layouts, seeds and device eligibility rule live in the `staking-state` crate,
//! which the programs that read staking accounts (jobs, emission, governance) share.
// no_std on SBPF; the host build (unit tests) links std, which brings the panic handler.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod cooldown;
pub mod costake;
pub mod costake_events;
pub mod emission_burn;
pub mod error;
pub mod events;
pub mod instruction;
pub mod processor;
pub mod rewards;
pub mod state;

use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::StakingError;
use crate::instruction as ix;

#[cfg(not(feature = "no-entrypoint"))]
ionet_sdk::entrypoint!(process_instruction);
#[cfg(not(feature = "no-entrypoint"))]
ionet_sdk::ionet_security_txt!();

/// Dispatches on the 8-byte Anchor instruction discriminator. Inlined into the entrypoint: as a
/// call of its own its result would be returned through memory, a sixth argument SBPF lacks.
#[inline(always)]
pub fn process_instruction(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    data: &[u8],
) -> ProgramResult {
    let Some((tag, args)) = data.split_first_chunk::<8>() else {
        return Err(ProgramError::InvalidInstructionData);
    };
    use processor::*;
    let ctx = Context {
        program_id,
        accounts,
        data: args,
    };
    // Direct calls (no function pointer): the optimiser can then return each processor's
    // result in a register rather than through memory.
    match u64::from_le_bytes(*tag) {
        ix::STAKE => stake::process(&ctx),
        ix::UNSTAKE => unstake::process(&ctx),
        ix::WITHDRAW => withdraw::process(&ctx),
        ix::CLAIM => claim::process(&ctx),
        ix::FUND_REWARDS => fund_rewards::process(&ctx),
        ix::OPEN_POSITION => open_position::process(&ctx),
        ix::STAKE_DEVICE => stake_device::process(&ctx),
        ix::UNSTAKE_DEVICE => unstake_device::process(&ctx),
        ix::WITHDRAW_DEVICE => withdraw_device::process(&ctx),
        ix::REGISTER_DEVICE => register_device::process(&ctx),
        ix::SLASH => slash::process(&ctx),
        ix::UPDATE_PARAMS => update_params::process(&ctx),
        ix::SET_AUTHORITY => set_authority::process(&ctx),
        ix::LOCK_POSITION => lock_position::process(&ctx),
        ix::ACTIVATE_STAKE => activate_stake::process(&ctx),
        ix::CHECK_PARAMS => check_params::process(&ctx),
        ix::RESERVE_DEVICE_STAKE => job_reserve::reserve(&ctx),
        ix::RELEASE_DEVICE_STAKE => job_reserve::release(&ctx),
        ix::INITIALIZE => initialize::process(&ctx),
        ix::SET_COSTAKE_PARAMS => costake_params::process(&ctx),
        ix::OPEN_OFFER => offer_open::process(&ctx),
        ix::UPDATE_OFFER => offer_update::process(&ctx),
        ix::CLOSE_OFFER => offer_close::process(&ctx),
        ix::COSTAKE => costake::process(&ctx),
        ix::UNCOSTAKE => uncostake::process(&ctx),
        ix::WITHDRAW_COSTAKE => costake_withdraw::process(&ctx),
        ix::CLAIM_COSTAKE => costake_claim::costaker(&ctx),
        ix::CLAIM_OFFER_REWARD => costake_claim::owner(&ctx),
        ix::CREDIT_DEVICE_REWARD => device_reward::process(&ctx),
        _ => Err(fail(StakingError::UnknownInstruction)),
    }
}
