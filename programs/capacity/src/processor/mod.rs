//! One module per instruction, each exporting `process(&Context)`.

pub mod check_params;
pub mod commit;
pub mod expire;
pub mod initialize;
pub mod prove;
pub mod request_challenge;
pub mod set_authority;
pub mod slash_fault;
pub mod update_params;

mod shared;

pub use ionet_sdk::dispatch::Context;
