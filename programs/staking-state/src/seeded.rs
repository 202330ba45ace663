//! Seeds of the records kept one per device at a seeded address (`ionet_sdk::seeded`) under a
//! program PDA: the device's co-staking offer (under the staking config) and its capacity record
//! (under the capacity config). The device key does not sign the instructions that create them,
//! so it cannot be their base; the config PDA can (its bump is stored), and the seed then names
//! the device: a tag, then the device key in base64url (RFC 4648 section 5, no padding) cut to fill
//! the System program's 32 bytes. With the tags used, at least 144 bits of the key: finding a
//! second key whose record would land on another's address means matching that many bits of an
//! ed25519 public key, far beyond reach; and the records' readers check the stored device key
//! besides, so such a clash could only keep one device from creating its record.

use ionet_sdk::seeded::MAX_SEED_LEN;
use ionet_sdk::Pubkey;

/// The base64url alphabet (RFC 4648 section 5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A seed of a tag and a key: `tag`, then the first `32 - tag.len()` characters of the key's
/// base64url encoding (6 bits each, from the key's first byte, most significant bit first).
pub struct KeySeed {
    bytes: [u8; MAX_SEED_LEN],
    len: usize,
}

impl KeySeed {
    /// `tag` is a constant of at most 32 bytes in every caller.
    pub fn new(tag: &[u8], key: &Pubkey) -> Self {
        let mut bytes = [0u8; MAX_SEED_LEN];
        let tag_len = tag.len().min(MAX_SEED_LEN);
        bytes[..tag_len].copy_from_slice(&tag[..tag_len]);
        let mut out = tag_len;
        // Three key bytes give four characters (ten groups give 40, more than a seed holds).
        for group in key.chunks_exact(3) {
            let word = (group[0] as u32) << 16 | (group[1] as u32) << 8 | group[2] as u32;
            for shift in [18, 12, 6, 0] {
                if out == MAX_SEED_LEN {
                    return Self { bytes, len: out };
                }
                bytes[out] = ALPHABET[((word >> shift) & 63) as usize];
                out += 1;
            }
        }
        Self { bytes, len: out }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_then_base64url_of_the_key() {
        // base64url of bytes 0..32: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8 (43 characters).
        let key: Pubkey = core::array::from_fn(|j| j as u8);
        let cases: [(&[u8], &[u8]); 4] = [
            (b"offer", b"offerAAECAwQFBgcICQoLDA0ODxAREhM"),
            (b"capacity", b"capacityAAECAwQFBgcICQoLDA0ODxAR"),
            (b"", b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"),
            (
                b"0123456789abcdef0123456789abcdef",
                b"0123456789abcdef0123456789abcdef",
            ),
        ];
        for (tag, want) in cases {
            assert_eq!(KeySeed::new(tag, &key).as_bytes(), want);
        }
        let ones: Pubkey = [0xff; 32];
        assert_eq!(
            KeySeed::new(b"offer", &ones).as_bytes(),
            b"offer___________________________"
        );
    }
}
