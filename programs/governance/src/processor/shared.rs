//! Checks and effects several instructions share.

use ionet_sdk::cpi::{Seed, Signer};
use ionet_sdk::error::fail;
use ionet_sdk::sysvar::Clock;
use ionet_sdk::ProgramError;

use crate::error::GovernanceError;
use crate::state::GOVERNANCE_SEED;

#[cold]
pub fn overflow() -> ProgramError {
    fail(GovernanceError::Overflow)
}

/// The cluster's unix time.
pub fn now() -> Result<i64, ProgramError> {
    Ok(Clock::get()?.unix_timestamp)
}

/// Runs `f` with the governance PDA as signer.
pub fn as_governance<R>(bump: u8, f: impl FnOnce(&[Signer]) -> R) -> R {
    let bump = [bump];
    let seeds = [Seed::new(GOVERNANCE_SEED), Seed::new(&bump)];
    f(&[Signer::from(&seeds)])
}
