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

use ionet_sdk::{AccountInfo, Pubkey};

/// What every processor receives (one pointer: SBPF has five argument registers).
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    /// The arguments after the 8-byte discriminator.
    pub data: &'a [u8],
}
