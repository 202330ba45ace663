//! The audit accounts' PDA seeds (bump left out).

use ionet_sdk::Pubkey;

use crate::state::{AUDIT_SEED, CHECKER_SEED};

/// Seeds of the Audit PDA of the job at `job`.
pub fn audit_seeds(job: &Pubkey) -> [&[u8]; 2] {
    [AUDIT_SEED, job]
}

/// Seeds of the Checker PDA of `owner`.
pub fn checker_seeds(owner: &Pubkey) -> [&[u8]; 2] {
    [CHECKER_SEED, owner]
}
