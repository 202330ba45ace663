//! The ed25519 signature-verification precompile's instruction data, read in place: a program
//! that needs a verified signature checks that the instruction before it (see
//! [`crate::instructions::previous_instruction`]) is this precompile's, with exactly one
//! signature whose key and message lie in that instruction's own data.

use crate::instructions::u16_at;
use crate::pubkey::{from_base58, Pubkey};

/// The ed25519 precompile.
pub const ED25519_PROGRAM_ID: Pubkey = from_base58("Ed25519SigVerify111111111111111111111111111");

/// "This instruction" in an ed25519 offsets entry.
const SAME_INSTRUCTION: usize = u16::MAX as usize;
const SIGNATURE_LEN: usize = 64;

/// The one signature's offsets of an ed25519 precompile instruction
/// (`u8 count, u8 padding`, then seven u16: signature offset and instruction index, public key
/// offset and instruction index, message offset, size and instruction index).
pub struct Ed25519Offsets {
    public_key: usize,
    message: usize,
    message_len: usize,
}

impl Ed25519Offsets {
    /// The offsets of `data`'s one signature; `None` unless there is exactly one and its
    /// signature, key and message all point into `data` itself.
    pub fn parse(data: &[u8]) -> Option<Self> {
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

    /// The signing key, in `data` (the instruction's data).
    pub fn public_key<'a>(&self, data: &'a [u8]) -> Option<&'a Pubkey> {
        data.get(self.public_key..self.public_key + 32)?
            .try_into()
            .ok()
    }

    /// The signed message, in `data`.
    pub fn message<'a>(&self, data: &'a [u8]) -> Option<&'a [u8]> {
        data.get(self.message..self.message + self.message_len)
    }
}

/// An ed25519 instruction in the layout the Go client builds: offsets, key, signature, message.
#[cfg(test)]
pub(crate) fn instruction_data(key: &Pubkey, message: &[u8], ix_index: u16) -> std::vec::Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instructions::{previous_instruction, sysvar_bytes};

    #[test]
    fn reads_the_previous_ed25519_instruction() {
        let key = [5u8; 32];
        let msg = b"hello".to_vec();
        let ed = instruction_data(&key, &msg, u16::MAX);
        let data = sysvar_bytes(
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
    }

    #[test]
    fn rejects_offsets_into_other_instructions() {
        let key = [5u8; 32];
        assert!(Ed25519Offsets::parse(&instruction_data(&key, b"m", 0)).is_none());
        let mut two = instruction_data(&key, b"m", u16::MAX);
        two[0] = 2;
        assert!(
            Ed25519Offsets::parse(&two).is_none(),
            "exactly one signature"
        );
        let short = instruction_data(&key, b"m", u16::MAX)[..100].to_vec();
        assert!(
            Ed25519Offsets::parse(&short).is_none(),
            "signature past the end"
        );
    }
}
