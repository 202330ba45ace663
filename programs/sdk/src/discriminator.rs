//! Anchor discriminators as compile-time constants: the first 8 bytes of
//! `sha256("<namespace>:<name>")`.
//!
//! ```
//! use ionet_sdk::discriminator;
//! const STAKE: [u8; 8] = discriminator::instruction("stake");
//! const POOL: [u8; 8] = discriminator::account("StakePool");
//! const STAKED: [u8; 8] = discriminator::event("Staked");
//! ```

use crate::hash::Sha256;

/// Length of every Anchor discriminator.
pub const LEN: usize = 8;

/// `sha256(namespace ++ ":" ++ name)[..8]`.
pub const fn discriminator(namespace: &str, name: &str) -> [u8; LEN] {
    let digest = Sha256::new()
        .update(namespace.as_bytes())
        .update(b":")
        .update(name.as_bytes())
        .finalize();
    let mut out = [0u8; LEN];
    let mut i = 0;
    while i < LEN {
        out[i] = digest[i];
        i += 1;
    }
    out
}

/// Instruction discriminator; `name` is the instruction's snake_case name.
pub const fn instruction(name: &str) -> [u8; LEN] {
    discriminator("global", name)
}

/// Account discriminator; `name` is the account type's PascalCase name.
pub const fn account(name: &str) -> [u8; LEN] {
    discriminator("account", name)
}

/// Event discriminator; `name` is the event type's PascalCase name.
pub const fn event(name: &str) -> [u8; LEN] {
    discriminator("event", name)
}

/// Splits instruction data into its discriminator and the arguments after it.
pub fn split(data: &[u8]) -> Option<(&[u8; LEN], &[u8])> {
    let (head, rest) = data.split_first_chunk::<LEN>()?;
    Some((head, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: `printf %s "global:initialize" | sha256sum`, and so on. Anchor's
    // `initialize` discriminator [175, 175, 109, 31, 13, 152, 155, 237] is widely published.
    #[test]
    fn matches_anchor() {
        let cases = [
            (
                instruction("initialize"),
                [175, 175, 109, 31, 13, 152, 155, 237],
            ),
            (
                instruction("stake"),
                [0xce, 0xb0, 0xca, 0x12, 0xc8, 0xd1, 0xb3, 0x6c],
            ),
            (
                account("StakePool"),
                [0x79, 0x22, 0xce, 0x15, 0x4f, 0x7f, 0xff, 0x1c],
            ),
            (
                event("Staked"),
                [0x0b, 0x92, 0x2d, 0xcd, 0xe6, 0x3a, 0xd5, 0xf0],
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn splits_instruction_data() {
        let data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let (disc, rest) = split(&data).unwrap();
        assert_eq!(disc, &[1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(rest, &[9, 10]);
        assert!(split(&data[..7]).is_none());
    }
}
