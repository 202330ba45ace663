//! One module per instruction, each exporting `process(&Context)`.

pub mod cancel_job;
pub mod challenge_job;
pub mod check_params;
pub mod claim_job;
pub mod create_job;
pub mod expire_job;
pub mod initialize;
pub mod lapse_challenge;
pub mod resolve_challenge;
pub mod settle_job;
pub mod submit_attestation;
pub mod update_params;

mod payout;
mod shared;
mod slash;

use ionet_sdk::{AccountInfo, Pubkey};

/// What every processor receives: one pointer rather than three register arguments.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    /// The arguments after the 8-byte discriminator.
    pub data: &'a [u8],
}
