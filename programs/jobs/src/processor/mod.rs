//! One module per instruction, each exporting `process(&Context)`.

pub mod attest_failure;
pub mod cancel_job;
pub mod challenge_job;
pub mod check_params;
pub mod claim_job;
pub mod close_spec;
pub mod create_job;
pub mod expire_job;
pub mod extend_job;
pub mod initialize;
pub mod lapse_challenge;
pub mod publish_spec;
pub mod resolve_challenge;
pub mod settle_job;
pub mod submit_attestation;
pub mod update_params;

mod payout;
mod shared;
mod slash;

pub use ionet_sdk::dispatch::Context;
