//! Anchor discriminators as compile-time constants: the first 8 bytes of
//! `sha256("<namespace>:<name>")`.
//!
//! These are `const fn`s so that the hash is computed by the compiler. Called in ordinary code
//! they would hash on chain, on every call, at thousands of compute units: use them only where
//! the compiler must evaluate them (a `const` item, an associated `const`, a `const { }` block),
//! or through [`crate::discriminator!`], which wraps the call in `const { }` wherever it is
//! written.
//!
//! ```
//! use ionet_sdk::discriminator;
//! const STAKE: [u8; 8] = discriminator::instruction("stake");
//! const POOL: [u8; 8] = discriminator::account("StakePool");
//! const STAKED: [u8; 8] = discriminator::event("Staked");
//! // Dispatch compares one word: the discriminator as a little-endian u64.
//! const STAKE_TAG: u64 = discriminator::instruction_tag("stake");
//! // In an expression: evaluated at compile time all the same.
//! let unstaked = ionet_sdk::discriminator!(event, "Unstaked");
//! # assert_eq!(STAKE_TAG, u64::from_le_bytes(STAKE));
//! # assert_eq!(unstaked, discriminator::event("Unstaked"));
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

/// [`instruction`] as a little-endian u64, so that dispatch compares one word:
/// `match u64::from_le_bytes(*tag) { STAKE => ..., }` with `const STAKE: u64 = instruction_tag("stake");`.
pub const fn instruction_tag(name: &str) -> u64 {
    u64::from_le_bytes(instruction(name))
}

/// A discriminator computed at compile time wherever the macro is written:
/// `discriminator!(instruction | account | event | instruction_tag, name)` is
/// `const { discriminator::<namespace>(name) }`, so `name` must be a constant.
///
/// ```
/// let staked: [u8; 8] = ionet_sdk::discriminator!(event, "Staked");
/// let tag: u64 = ionet_sdk::discriminator!(instruction_tag, "stake");
/// # assert_eq!(tag, u64::from_le_bytes(ionet_sdk::discriminator::instruction("stake")));
/// # let _ = staked;
/// ```
/// A run-time name does not compile:
/// ```compile_fail
/// fn hashes_on_chain(name: &str) -> [u8; 8] {
///     ionet_sdk::discriminator!(event, name)
/// }
/// ```
#[macro_export]
macro_rules! discriminator {
    ($namespace:ident, $name:expr) => {
        const { $crate::discriminator::$namespace($name) }
    };
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
    fn tags_and_macro_match_the_functions() {
        const STAKE: u64 = instruction_tag("stake");
        assert_eq!(STAKE.to_le_bytes(), instruction("stake"));
        assert_eq!(
            crate::discriminator!(account, "StakePool"),
            account("StakePool")
        );
        assert_eq!(crate::discriminator!(instruction_tag, "stake"), STAKE);
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
