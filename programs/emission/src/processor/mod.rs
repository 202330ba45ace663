//! One module per instruction, each exporting `process(&Context)`.

pub mod burn;
pub mod burn_slash;
pub mod check_params;
pub mod claim_shared_supplier_reward;
pub mod claim_supplier_reward;
pub mod crank;
pub mod heartbeat;
pub mod initialize;
pub mod open_liveness;
pub mod set_capacity_program;
pub mod sweep_supplier_pool;
pub mod update_params;

mod shared;

pub use ionet_sdk::dispatch::Context;
