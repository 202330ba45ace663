//! Seeds of the records kept one per device at a seeded address (`ionet_sdk::seeded`) under a
//! program PDA: the device's co-staking offer (under the staking config) and its capacity record
//! (under the capacity config). The device key does not sign the instructions that create them,
//! so it cannot be their base; the config PDA can (its bump is stored), and the seed then names
//! the device: a tag, then the first 18 bytes (144 bits) of the device key in base64url (RFC 4648
//! section 5, 24 characters). Finding a second key whose record would land on another's address
//! means matching 144 bits of an ed25519 public key, far beyond reach; and the records' readers
//! check the stored device key besides, so such a clash could only keep one device from
//! creating its record.

use ionet_sdk::seeded::MAX_SEED_LEN;
use ionet_sdk::Pubkey;

/// The base64url alphabet (RFC 4648 section 5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Bytes of the key a seed holds, and the characters they take.
const KEY_BYTES: usize = 18;
pub const KEY_CHARS: usize = KEY_BYTES / 3 * 4;
/// The longest tag: the seed's 32 bytes less the key's characters.
pub const MAX_TAG_LEN: usize = MAX_SEED_LEN - KEY_CHARS;

/// A seed of a tag and a key: `tag` (at most [`MAX_TAG_LEN`] bytes), then the key's first 18
/// bytes in base64url.
pub struct KeySeed {
    bytes: [u8; MAX_SEED_LEN],
    len: usize,
}

impl KeySeed {
    /// `tag` is a constant in every caller (inlined, the encoding needs no bounds checks).
    #[inline(always)]
    pub fn new(tag: &[u8], key: &Pubkey) -> Self {
        let mut bytes = [0u8; MAX_SEED_LEN];
        let tag_len = tag.len().min(MAX_TAG_LEN);
        bytes[..tag_len].copy_from_slice(&tag[..tag_len]);
        let mut group = 0;
        while group < KEY_BYTES / 3 {
            let (b0, b1, b2) = (key[3 * group], key[3 * group + 1], key[3 * group + 2]);
            let at = tag_len + 4 * group;
            bytes[at] = ALPHABET[(b0 >> 2) as usize];
            bytes[at + 1] = ALPHABET[((b0 & 3) << 4 | b1 >> 4) as usize];
            bytes[at + 2] = ALPHABET[((b1 & 15) << 2 | b2 >> 6) as usize];
            bytes[at + 3] = ALPHABET[(b2 & 63) as usize];
            group += 1;
        }
        Self {
            bytes,
            len: tag_len + KEY_CHARS,
        }
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
        // base64url of bytes 0..18: AAECAwQFBgcICQoLDA0ODxAR.
        let key: Pubkey = core::array::from_fn(|j| j as u8);
        let cases: [(&[u8], &[u8]); 4] = [
            (b"offer", b"offerAAECAwQFBgcICQoLDA0ODxAR"),
            (b"capacity", b"capacityAAECAwQFBgcICQoLDA0ODxAR"),
            (b"", b"AAECAwQFBgcICQoLDA0ODxAR"),
            (b"longer than eight", b"longer tAAECAwQFBgcICQoLDA0ODxAR"),
        ];
        for (tag, want) in cases {
            assert_eq!(KeySeed::new(tag, &key).as_bytes(), want);
        }
        assert_eq!(
            KeySeed::new(b"offer", &[0xff; 32]).as_bytes(),
            b"offer________________________"
        );
    }
}
