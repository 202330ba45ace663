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

use ionet_sdk::{AccountInfo, Pubkey};

/// What every processor receives (one pointer: SBPF has five argument registers).
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    /// The arguments after the 8-byte discriminator.
    pub data: &'a [u8],
}
