//! The instructions sysvar: the transaction's instructions as the runtime serialises them, read
//! in place (a program reads the instruction before its own, e.g. an ed25519 verification).

use crate::pubkey::{from_base58, Pubkey};

/// The instructions sysvar account.
pub const INSTRUCTIONS_SYSVAR_ID: Pubkey =
    from_base58("Sysvar1nstructions1111111111111111111111111");

/// The little-endian u16 at `at`, as an index.
pub fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([bytes[0], bytes[1]]) as usize)
}

/// The program id and data of the instruction before the current one, from the instructions
/// sysvar's serialization: `u16 count, u16 offset[count]`, then per instruction
/// `u16 account count, (u8 flags, key[32])[n], program id[32], u16 data length, data`, and the
/// current instruction's index as the last u16. `None` when the current one is the first or the
/// data is malformed.
pub fn previous_instruction(data: &[u8]) -> Option<(&Pubkey, &[u8])> {
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

/// An instructions sysvar holding `ixs` (program, data; one account each) with `current`
/// running: what the runtime writes.
#[cfg(test)]
pub(crate) fn sysvar_bytes(ixs: &[(Pubkey, std::vec::Vec<u8>)], current: u16) -> std::vec::Vec<u8> {
    let mut head = (ixs.len() as u16).to_le_bytes().to_vec();
    let mut body = std::vec::Vec::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_previous_instruction() {
        let data = sysvar_bytes(
            &[
                ([1; 32], vec![0]),
                ([2; 32], vec![5, 6, 7]),
                ([4; 32], vec![1, 2]),
            ],
            2,
        );
        let (program, got) = previous_instruction(&data).unwrap();
        assert_eq!(program, &[2; 32]);
        assert_eq!(got, &[5, 6, 7]);
        assert!(
            previous_instruction(&sysvar_bytes(&[([4; 32], vec![])], 0)).is_none(),
            "first instruction has none before it"
        );
        assert!(previous_instruction(&data[..3]).is_none(), "truncated");
    }
}
