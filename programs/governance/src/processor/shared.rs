//! Checks and effects several instructions share.

use ionet_sdk::cpi::{with_signer, Signer};

use crate::error::GovernanceError;
use crate::state::GOVERNANCE_SEED;

pub use ionet_sdk::sysvar::now;

ionet_sdk::overflow_error!(GovernanceError::Overflow);

/// Runs `f` with the governance PDA as signer.
pub fn as_governance<R>(bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    with_signer([GOVERNANCE_SEED, &[bump]], f)
}
