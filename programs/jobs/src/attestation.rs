//! Attestations: the canonical message a device signs, and the check that the transaction
//! verified that signature with the ed25519 precompile, read through the instructions sysvar.
//!
//! Message (136 bytes): `"ionet-attest-v1\0"` (16) | job address (32) | job id u64 LE |
//! result hash (32) | started_ts i64 LE | ended_ts i64 LE | metrics digest (32).
//! A failed run is attested under its own domain, `"ionet-failed-v1\0"`, with the same fields:
//! a signature over a success can never be taken for a failure, nor the other way round.
//! The job address binds the message to this program and this job; a closed job cannot be
//! attested again, so a signature cannot be replayed.

use ionet_sdk::ed25519::{Ed25519Offsets, ED25519_PROGRAM_ID};
use ionet_sdk::error::{fail, ProgramError};
use ionet_sdk::instructions::{previous_instruction, INSTRUCTIONS_SYSVAR_ID};
use ionet_sdk::{AccountInfo, ProgramResult, Pubkey};

use crate::error::JobsError;

pub const DOMAIN: &[u8; 16] = b"ionet-attest-v1\0";
pub const FAILURE_DOMAIN: &[u8; 16] = b"ionet-failed-v1\0";
pub const MESSAGE_LEN: usize = 16 + 32 + 8 + 32 + 8 + 8 + 32;

/// What a device attests about a job.
pub struct Attestation {
    pub result_hash: [u8; 32],
    pub started_ts: i64,
    pub ended_ts: i64,
    pub metrics_digest: [u8; 32],
}

impl Attestation {
    /// The canonical signed bytes for the job at `job` with id `job_id`.
    pub fn message(&self, job: &Pubkey, job_id: u64) -> [u8; MESSAGE_LEN] {
        self.message_in(DOMAIN, job, job_id)
    }

    /// The canonical signed bytes of a failed run's attestation.
    pub fn failure_message(&self, job: &Pubkey, job_id: u64) -> [u8; MESSAGE_LEN] {
        self.message_in(FAILURE_DOMAIN, job, job_id)
    }

    fn message_in(&self, domain: &[u8; 16], job: &Pubkey, job_id: u64) -> [u8; MESSAGE_LEN] {
        let mut out = [0u8; MESSAGE_LEN];
        let parts: [&[u8]; 7] = [
            domain,
            job,
            &job_id.to_le_bytes(),
            &self.result_hash,
            &self.started_ts.to_le_bytes(),
            &self.ended_ts.to_le_bytes(),
            &self.metrics_digest,
        ];
        let mut at = 0;
        for part in parts {
            out[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        out
    }
}

/// Checks, through the instructions sysvar, that the instruction right before the current one is
/// an ed25519 verification of exactly one signature by `key` over exactly `message`, with every
/// offset pointing into that instruction's own data. The precompile has already verified the
/// signature itself (or the transaction would not be running).
pub fn check_signed(sysvar: &AccountInfo, key: &Pubkey, message: &[u8]) -> ProgramResult {
    sysvar.check_key(&INSTRUCTIONS_SYSVAR_ID)?;
    let data = sysvar.try_borrow_data()?;
    let (program, ix_data) =
        previous_instruction(&data).ok_or_else(|| fail(JobsError::MissingSignatureInstruction))?;
    if program != &ED25519_PROGRAM_ID {
        return Err(fail(JobsError::MissingSignatureInstruction));
    }
    let offsets = Ed25519Offsets::parse(ix_data)
        .ok_or_else(|| fail(JobsError::InvalidSignatureInstruction))?;
    if offsets.public_key(ix_data) != Some(key) {
        return Err(fail(JobsError::WrongAttestationKey));
    }
    if offsets.message(ix_data) != Some(message) {
        return Err(fail(JobsError::WrongAttestationMessage));
    }
    Ok(())
}

#[cold]
pub fn times_invalid() -> ProgramError {
    fail(JobsError::InvalidAttestationTimes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_layout() {
        let a = Attestation {
            result_hash: [2; 32],
            started_ts: 10,
            ended_ts: -1,
            metrics_digest: [3; 32],
        };
        let m = a.message(&[1; 32], 42);
        assert_eq!(&m[..16], DOMAIN);
        assert_eq!(&m[16..48], &[1; 32]);
        assert_eq!(&m[48..56], &42u64.to_le_bytes());
        assert_eq!(&m[56..88], &[2; 32]);
        assert_eq!(&m[88..96], &10i64.to_le_bytes());
        assert_eq!(&m[96..104], &(-1i64).to_le_bytes());
        assert_eq!(&m[104..], &[3; 32]);
    }

    #[test]
    fn failure_message_differs_only_in_domain() {
        let a = Attestation {
            result_hash: [2; 32],
            started_ts: 10,
            ended_ts: 11,
            metrics_digest: [3; 32],
        };
        let (ok, failed) = (a.message(&[1; 32], 42), a.failure_message(&[1; 32], 42));
        assert_eq!(&failed[..16], FAILURE_DOMAIN);
        assert_ne!(&ok[..16], &failed[..16]);
        assert_eq!(&ok[16..], &failed[16..]);
    }
}
