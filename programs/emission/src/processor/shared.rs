//! Checks and effects the instructions share.

use ionet_sdk::cpi::{with_signer, Signer};

use crate::error::EmissionError;
use crate::state::STATE_SEED;

pub use ionet_sdk::sysvar::now;
pub use ionet_sdk::token::check_token_program;

ionet_sdk::overflow_error!(EmissionError::Overflow);

/// Runs `f` with the state PDA as signer (mint authority, owner of both vaults).
pub fn as_state<R>(bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    with_signer([STATE_SEED, &[bump]], f)
}
