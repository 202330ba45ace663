//! One module per instruction, each exporting `process(&Context)`.

pub mod activate_stake;
pub mod add_slasher;
pub mod check_params;
pub mod claim;
pub mod costake_claim;
pub mod costake_governed;
pub mod costake_join;
pub mod costake_params;
pub mod costake_withdraw;
pub mod device_reward;
pub mod fund_rewards;
pub mod initialize;
pub mod job_reserve;
pub mod lock_position;
pub mod offer_close;
pub mod offer_open;
pub mod offer_update;
pub mod open_position;
pub mod register_device;
pub mod set_authority;
pub mod slash;
pub mod stake;
pub mod stake_device;
pub mod uncostake;
pub mod unstake;
pub mod unstake_device;
pub mod update_params;
pub mod withdraw;
pub mod withdraw_device;

mod costake_shared;
pub(crate) mod shared;
mod vault;

pub use ionet_sdk::dispatch::Context;
