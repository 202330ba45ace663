//! The staking program's instruction tags: the 8-byte Anchor discriminators as little-endian
//! u64s (the program dispatches on one word; a CPI writes `TAG.to_le_bytes()`), computed at
//! compile time. `programs-idl/staking.json` lists the same bytes.

use ionet_sdk::discriminator::instruction_tag;

pub const INITIALIZE: u64 = instruction_tag("initialize");
pub const UPDATE_PARAMS: u64 = instruction_tag("update_params");
pub const SET_AUTHORITY: u64 = instruction_tag("set_authority");
pub const OPEN_POSITION: u64 = instruction_tag("open_position");
pub const STAKE: u64 = instruction_tag("stake");
pub const UNSTAKE: u64 = instruction_tag("unstake");
pub const WITHDRAW: u64 = instruction_tag("withdraw");
pub const CLAIM: u64 = instruction_tag("claim");
pub const FUND_REWARDS: u64 = instruction_tag("fund_rewards");
pub const REGISTER_DEVICE: u64 = instruction_tag("register_device");
pub const STAKE_DEVICE: u64 = instruction_tag("stake_device");
pub const UNSTAKE_DEVICE: u64 = instruction_tag("unstake_device");
pub const WITHDRAW_DEVICE: u64 = instruction_tag("withdraw_device");
pub const SLASH: u64 = instruction_tag("slash");
pub const LOCK_POSITION: u64 = instruction_tag("lock_position");
pub const ACTIVATE_STAKE: u64 = instruction_tag("activate_stake");
pub const CHECK_PARAMS: u64 = instruction_tag("check_params");
pub const RESERVE_DEVICE_STAKE: u64 = instruction_tag("reserve_device_stake");
pub const RELEASE_DEVICE_STAKE: u64 = instruction_tag("release_device_stake");
pub const ADD_SLASHER: u64 = instruction_tag("add_slasher");
pub const SET_COSTAKE_PARAMS: u64 = instruction_tag("set_costake_params");
pub const OPEN_OFFER: u64 = instruction_tag("open_offer");
pub const UPDATE_OFFER: u64 = instruction_tag("update_offer");
pub const CLOSE_OFFER: u64 = instruction_tag("close_offer");
pub const COSTAKE: u64 = instruction_tag("costake");
pub const UNCOSTAKE: u64 = instruction_tag("uncostake");
pub const WITHDRAW_COSTAKE: u64 = instruction_tag("withdraw_costake");
pub const CLAIM_COSTAKE: u64 = instruction_tag("claim_costake");
pub const CLAIM_OFFER_REWARD: u64 = instruction_tag("claim_offer_reward");
pub const CREDIT_DEVICE_REWARD: u64 = instruction_tag("credit_device_reward");
pub const UPDATE_COSTAKE_PARAMS: u64 = instruction_tag("update_costake_params");
pub const CHECK_COSTAKE_PARAMS: u64 = instruction_tag("check_costake_params");
