//! One module per instruction, each exporting `process(&Context)`.

pub mod burn;
pub mod burn_slash;
pub mod check_params;
pub mod claim_shared_supplier_reward;
pub mod claim_supplier_reward;
pub mod crank;
pub mod heartbeat;
pub mod initialize;
pub mod set_capacity_program;
pub mod sweep_supplier_pool;
pub mod update_params;

mod shared;

use ionet_sdk::{AccountInfo, Pubkey};

/// What every processor receives. One pointer rather than five register arguments: SBPF has
/// five argument registers and a processor's result needs one more.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    /// The arguments after the 8-byte discriminator.
    pub data: &'a [u8],
}
