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
pub mod emission_burn;
pub mod error;
pub mod events;
pub mod instruction;
pub mod processor;
pub mod rewards;
pub mod slashers;
pub mod state;

use crate::error::StakingError;
use crate::instruction as ix;
use crate::processor::*;

ionet_sdk::program! {
    unknown: StakingError::UnknownInstruction,
    ix::STAKE => stake::process,
    ix::UNSTAKE => unstake::process,
    ix::WITHDRAW => withdraw::process,
    ix::CLAIM => claim::process,
    ix::FUND_REWARDS => fund_rewards::process,
    ix::OPEN_POSITION => open_position::process,
    ix::STAKE_DEVICE => stake_device::process,
    ix::UNSTAKE_DEVICE => unstake_device::process,
    ix::WITHDRAW_DEVICE => withdraw_device::process,
    ix::REGISTER_DEVICE => register_device::process,
    ix::SLASH => slash::process,
    ix::UPDATE_PARAMS => update_params::process,
    ix::SET_AUTHORITY => set_authority::process,
    ix::LOCK_POSITION => lock_position::process,
    ix::ACTIVATE_STAKE => activate_stake::process,
    ix::CHECK_PARAMS => check_params::process,
    ix::RESERVE_DEVICE_STAKE => job_reserve::reserve,
    ix::RELEASE_DEVICE_STAKE => job_reserve::release,
    ix::ADD_SLASHER => add_slasher::process,
    ix::INITIALIZE => initialize::process,
}
