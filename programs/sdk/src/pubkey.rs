//! Public keys: 32 bytes, written in source as base58 and decoded at compile time.

/// An ed25519 public key or program-derived address.
pub type Pubkey = [u8; 32];

/// Decodes a base58 public key at compile time:
/// `const ID: Pubkey = from_base58("Tokenkeg...")`. Invalid text fails the build
/// (or panics, when called at run time).
pub const fn from_base58(text: &str) -> Pubkey {
    let bytes = text.as_bytes();
    // Big-endian base-256 accumulator, one byte wider than a key to catch overflow.
    let mut acc = [0u8; 33];
    let mut i = 0;
    while i < bytes.len() {
        let mut carry = match base58_digit(bytes[i]) {
            Some(digit) => digit as u32,
            None => panic!("pubkey: invalid base58 character"),
        };
        let mut j = acc.len();
        while j > 0 {
            j -= 1;
            let value = acc[j] as u32 * 58 + carry;
            acc[j] = value as u8;
            carry = value >> 8;
        }
        assert!(
            carry == 0 && acc[0] == 0,
            "pubkey: base58 value is longer than 32 bytes"
        );
        i += 1;
    }
    // Each leading '1' stands for one leading zero byte.
    let mut leading_ones = 0;
    while leading_ones < bytes.len() && bytes[leading_ones] == b'1' {
        leading_ones += 1;
    }
    let mut zero_bytes = 0;
    while zero_bytes < 32 && acc[1 + zero_bytes] == 0 {
        zero_bytes += 1;
    }
    assert!(
        leading_ones == zero_bytes,
        "pubkey: base58 text does not encode exactly 32 bytes"
    );
    let mut key = [0u8; 32];
    let mut k = 0;
    while k < 32 {
        key[k] = acc[k + 1];
        k += 1;
    }
    key
}

const fn base58_digit(c: u8) -> Option<u8> {
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut i = 0;
    while i < ALPHABET.len() {
        if ALPHABET[i] == c {
            return Some(i as u8);
        }
        i += 1;
    }
    None
}

/// The System program.
pub const SYSTEM_PROGRAM_ID: Pubkey = from_base58("11111111111111111111111111111111");

#[cfg(test)]
mod tests {
    use super::*;

    // Expected bytes from an independent decoder (github.com/mr-tron/base58).
    #[test]
    fn decodes_known_keys() {
        let mut one = [0u8; 32];
        one[31] = 1;
        let cases: [(&str, Pubkey); 5] = [
            ("11111111111111111111111111111111", [0; 32]),
            ("11111111111111111111111111111112", one),
            (
                "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
                [
                    6, 221, 246, 225, 215, 101, 161, 147, 217, 203, 225, 70, 206, 235, 121, 172,
                    28, 180, 133, 237, 95, 91, 55, 145, 58, 140, 245, 133, 126, 255, 0, 169,
                ],
            ),
            (
                "SysvarC1ock11111111111111111111111111111111",
                [
                    6, 167, 213, 23, 24, 199, 116, 201, 40, 86, 99, 152, 105, 29, 94, 182, 139, 94,
                    184, 163, 155, 75, 109, 92, 115, 85, 91, 33, 0, 0, 0, 0,
                ],
            ),
            (
                "1nc1nerator11111111111111111111111111111111",
                [
                    0, 51, 144, 114, 141, 52, 17, 96, 121, 189, 201, 17, 191, 255, 0, 219, 212, 77,
                    46, 205, 204, 247, 156, 166, 225, 0, 56, 225, 0, 0, 0, 0,
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(from_base58(text), want, "{text}");
        }
    }

    #[test]
    fn rejects_bad_text() {
        let cases = [
            ("0OIl", "invalid base58 character"),
            ("1111111111111111111111111111111111", "exactly 32 bytes"),
            ("2", "exactly 32 bytes"),
            (
                "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFGz",
                "longer than 32 bytes",
            ),
        ];
        for (text, want) in cases {
            let err = std::panic::catch_unwind(|| from_base58(text)).expect_err(text);
            let msg = err.downcast_ref::<&str>().copied().unwrap_or_default();
            assert!(msg.contains(want), "{text}: got {msg:?}, want {want:?}");
        }
    }
}
