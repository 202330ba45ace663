//! The emission program's instruction tags: the 8-byte Anchor discriminators as little-endian
//! u64s, computed at compile time.

use ionet_sdk::discriminator::instruction_tag as tag;

pub const INITIALIZE: u64 = tag("initialize");
pub const UPDATE_PARAMS: u64 = tag("update_params");
pub const CHECK_PARAMS: u64 = tag("check_params");
pub const CRANK: u64 = tag("crank");
pub const BURN: u64 = tag("burn");
pub const HEARTBEAT: u64 = tag("heartbeat");
pub const OPEN_LIVENESS: u64 = tag("open_liveness");
pub const CLAIM_SUPPLIER_REWARD: u64 = tag("claim_supplier_reward");
pub const SWEEP_SUPPLIER_POOL: u64 = tag("sweep_supplier_pool");
pub const BURN_SLASH: u64 = tag("burn_slash");
pub const SET_CAPACITY_PROGRAM: u64 = tag("set_capacity_program");
pub const CLAIM_SHARED_SUPPLIER_REWARD: u64 = tag("claim_shared_supplier_reward");
