//! One module per instruction, each exporting `process(&Context)`.

pub mod assign_checker;
pub mod attest_failure;
pub mod cancel_job;
pub mod challenge_job;
pub mod check_params;
pub mod claim_checker_rewards;
pub mod claim_job;
pub mod close_spec;
pub mod convict_audited;
pub mod create_job;
pub mod draw_audit;
pub mod escalate_audit;
pub mod expire_job;
pub mod extend_job;
pub mod initialize;
pub mod lapse_challenge;
pub mod leave_checkers;
pub mod publish_spec;
pub mod register_checker;
pub mod replace_checker;
pub mod resolve_challenge;
pub mod reveal_verdict;
pub mod settle_audited;
pub mod settle_job;
pub mod submit_attestation;
pub mod submit_verdict;
pub mod update_params;
pub mod withdraw_checker;

mod checkers;
mod costake;
mod panel;
mod payout;
mod shared;
mod slash;

pub use ionet_sdk::dispatch::Context;
