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
