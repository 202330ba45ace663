//! One module per instruction, each exporting `process(&Context)`.

pub mod cancel;
pub mod cast_vote;
pub mod create_proposal;
pub mod execute;
pub mod finalize;
pub mod initialize;
pub mod update_config;

mod check_actions;
mod shared;
mod upgrade;

pub use ionet_sdk::dispatch::Context;
