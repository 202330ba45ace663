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
    /// `tag` is a constant in every caller (inlined, the offsets are constants).
    #[inline(always)]
    pub fn new(tag: &[u8], key: &Pubkey) -> Self {
        let mut bytes = [0u8; MAX_SEED_LEN];
        let tag_len = tag.len().min(MAX_TAG_LEN);
        bytes[..tag_len].copy_from_slice(&tag[..tag_len]);
        let mut group = 0;
        while group < KEY_BYTES / 6 {
            let k = &key[6 * group..6 * group + 6];
            let hi = (k[0] as u64) << 16 | (k[1] as u64) << 8 | k[2] as u64;
            let lo = (k[3] as u64) << 16 | (k[4] as u64) << 8 | k[5] as u64;
            let at = tag_len + 8 * group;
            bytes[at..at + 8].copy_from_slice(&base64url8(hi << 32 | lo));
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

/// The 8 base64url characters of 48 bits given as two 24-bit halves (`hi << 32 | lo`), most
/// significant first: each 6-bit group spread to a byte of a u64, then moved into the alphabet
/// all at once by adding each range's offset where the group reaches it (no table, no loop:
/// `ionet_sdk::seeded`'s hex digits do the same).
#[inline(always)]
fn base64url8(halves: u64) -> [u8; 8] {
    const BYTES: u64 = 0x0101_0101_0101_0101;
    let mut x = (halves & 0x0000_0fff_0000_0fff) | (halves & 0x00ff_f000_00ff_f000) << 4;
    x = (x & 0x003f_003f_003f_003f) | (x & 0x0fc0_0fc0_0fc0_0fc0) << 2; // byte i: group i
                                                                        // 1 in each byte whose group is at least `k` (groups are below 64: no carry between bytes).
    let at_least = |k: u64| ((x + (128 - k) * BYTES) >> 7) & BYTES;
    // 'A'..'Z' from 0, 'a'..'z' from 26, '0'..'9' from 52, '-' at 62, '_' at 63: the sums stay
    // within each byte (at most 63 + 65 + 6 + 49) and the differences never go below zero.
    let up = x + 65 * BYTES + 6 * at_least(26) + 49 * at_least(63);
    (up - 75 * at_least(52) - 13 * at_least(62)).to_be_bytes()
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
        // Every 6-bit value: the groups 0, 1, ..., 63 in order are the alphabet itself.
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for start in (0..64).step_by(8) {
            let mut bits: u64 = 0;
            for g in start..start + 8 {
                bits = bits << 6 | g as u64;
            }
            let halves = (bits >> 24) << 32 | (bits & 0xff_ffff);
            assert_eq!(&base64url8(halves), &ALPHABET[start..start + 8]);
        }
        // Pseudo-random keys against a plain table encoding.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..1_000 {
            let key: Pubkey = core::array::from_fn(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                (state >> 56) as u8
            });
            let mut want = [0u8; KEY_CHARS];
            for (i, c) in want.iter_mut().enumerate() {
                let (bit, mut group) = (6 * i, 0u16);
                for b in bit..bit + 6 {
                    group = group << 1 | (key[b / 8] >> (7 - b % 8)) as u16 & 1;
                }
                *c = ALPHABET[group as usize];
            }
            assert_eq!(&KeySeed::new(b"", &key).as_bytes(), &want);
        }
    }
}
