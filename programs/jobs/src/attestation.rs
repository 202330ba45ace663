//! Attestations: the canonical message a device signs, and the check that the transaction
//! verified that signature with the ed25519 precompile, read through the instructions sysvar.
//!
//! Message (136 bytes): `"ionet-attest-v1\0"` (16) | job address (32) | job id u64 LE |
//! result hash (32) | started_ts i64 LE | ended_ts i64 LE | metrics digest (32).
//! A failed run is attested under its own domain, `"ionet-failed-v1\0"`, with the same fields:
//! a signature over a success can never be taken for a failure, nor the other way round.
//! The job address binds the message to this program and this job; a closed job cannot be
//! attested again, so a signature cannot be replayed.

use ionet_sdk::error::{fail, ProgramError};
use ionet_sdk::pubkey::from_base58;
use ionet_sdk::{AccountInfo, ProgramResult, Pubkey};

use crate::error::JobsError;

pub const ED25519_PROGRAM_ID: Pubkey = from_base58("Ed25519SigVerify111111111111111111111111111");
pub const INSTRUCTIONS_SYSVAR_ID: Pubkey =
    from_base58("Sysvar1nstructions1111111111111111111111111");

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

fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([bytes[0], bytes[1]]) as usize)
}

/// The program id and data of the instruction before the current one, from the instructions
/// sysvar's serialization: `u16 count, u16 offset[count]`, then per instruction
/// `u16 account count, (u8 flags, key[32])[n], program id[32], u16 data length, data`, and the
/// current instruction's index as the last u16.
fn previous_instruction(data: &[u8]) -> Option<(&Pubkey, &[u8])> {
    let count = u16_at(data, 0)?;
    let current = u16_at(data, data.len().checked_sub(2)?)?;
    let previous = current.checked_sub(1)?;
    if previous >= count {
        return None;
    }
    let start = u16_at(data, 2 + 2 * previous)?;
    let accounts = u16_at(data, start)?;
    let program_at = start + 2 + accounts * 33;
    let program: &Pubkey = data.get(program_at..program_at + 32)?.try_into().ok()?;
    let len = u16_at(data, program_at + 32)?;
    let ix_data = data.get(program_at + 34..program_at + 34 + len)?;
    Some((program, ix_data))
}

/// The one signature's offsets of an ed25519 precompile instruction
/// (`u8 count, u8 padding`, then seven u16: signature offset and instruction index, public key
/// offset and instruction index, message offset, size and instruction index).
struct Ed25519Offsets {
    public_key: usize,
    message: usize,
    message_len: usize,
}

/// "This instruction" in an ed25519 offsets entry.
const SAME_INSTRUCTION: usize = u16::MAX as usize;
const SIGNATURE_LEN: usize = 64;

impl Ed25519Offsets {
    fn parse(data: &[u8]) -> Option<Self> {
        if *data.first()? != 1 {
            return None;
        }
        let field = |i: usize| u16_at(data, 2 + 2 * i);
        let (signature, signature_ix) = (field(0)?, field(1)?);
        let (public_key, public_key_ix) = (field(2)?, field(3)?);
        let (message, message_len, message_ix) = (field(4)?, field(5)?, field(6)?);
        if signature_ix != SAME_INSTRUCTION
            || public_key_ix != SAME_INSTRUCTION
            || message_ix != SAME_INSTRUCTION
        {
            return None;
        }
        data.get(signature..signature + SIGNATURE_LEN)?;
        Some(Self {
            public_key,
            message,
            message_len,
        })
    }

    fn public_key<'a>(&self, data: &'a [u8]) -> Option<&'a Pubkey> {
        data.get(self.public_key..self.public_key + 32)?
            .try_into()
            .ok()
    }

    fn message<'a>(&self, data: &'a [u8]) -> Option<&'a [u8]> {
        data.get(self.message..self.message + self.message_len)
    }
}

#[cold]
pub fn times_invalid() -> ProgramError {
    fail(JobsError::InvalidAttestationTimes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ed25519 instruction in the layout the Go client builds: offsets, key, signature, message.
    fn ed25519_data(key: &Pubkey, message: &[u8], ix_index: u16) -> Vec<u8> {
        let (key_at, sig_at, msg_at) = (16u16, 48u16, 112u16);
        let mut d = vec![1u8, 0];
        for v in [
            sig_at,
            ix_index,
            key_at,
            ix_index,
            msg_at,
            message.len() as u16,
            ix_index,
        ] {
            d.extend_from_slice(&v.to_le_bytes());
        }
        d.extend_from_slice(key);
        d.extend_from_slice(&[7; 64]);
        d.extend_from_slice(message);
        d
    }

    /// An instructions sysvar holding `ixs` (program, data) with `current` running.
    fn sysvar(ixs: &[(Pubkey, Vec<u8>)], current: u16) -> Vec<u8> {
        let mut head = (ixs.len() as u16).to_le_bytes().to_vec();
        let mut body = Vec::new();
        let base = 2 + 2 * ixs.len();
        for (program, data) in ixs {
            head.extend_from_slice(&((base + body.len()) as u16).to_le_bytes());
            body.extend_from_slice(&1u16.to_le_bytes());
            body.push(1);
            body.extend_from_slice(&[9; 32]);
            body.extend_from_slice(program);
            body.extend_from_slice(&(data.len() as u16).to_le_bytes());
            body.extend_from_slice(data);
        }
        head.extend_from_slice(&body);
        head.extend_from_slice(&current.to_le_bytes());
        head
    }

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

    #[test]
    fn finds_the_previous_instruction() {
        let key = [5u8; 32];
        let msg = b"hello".to_vec();
        let ed = ed25519_data(&key, &msg, u16::MAX);
        let data = sysvar(
            &[
                ([1; 32], vec![0]),
                (ED25519_PROGRAM_ID, ed.clone()),
                ([4; 32], vec![1, 2]),
            ],
            2,
        );
        let (program, got) = previous_instruction(&data).unwrap();
        assert_eq!(program, &ED25519_PROGRAM_ID);
        assert_eq!(got, &ed[..]);
        let o = Ed25519Offsets::parse(got).unwrap();
        assert_eq!(o.public_key(got), Some(&key));
        assert_eq!(o.message(got), Some(&msg[..]));
        assert!(
            previous_instruction(&sysvar(&[([4; 32], vec![])], 0)).is_none(),
            "first instruction has none before it"
        );
    }

    #[test]
    fn rejects_offsets_into_other_instructions() {
        let key = [5u8; 32];
        assert!(Ed25519Offsets::parse(&ed25519_data(&key, b"m", 0)).is_none());
        let mut two = ed25519_data(&key, b"m", u16::MAX);
        two[0] = 2;
        assert!(
            Ed25519Offsets::parse(&two).is_none(),
            "exactly one signature"
        );
        let short = ed25519_data(&key, b"m", u16::MAX)[..100].to_vec();
        assert!(
            Ed25519Offsets::parse(&short).is_none(),
            "signature past the end"
        );
    }
}
