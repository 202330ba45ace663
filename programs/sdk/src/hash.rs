//! SHA-256: [`sha256`] through the runtime's syscall (cheap on-chain), and [`Sha256`], a `const fn`
//! implementation for compile-time constants such as Anchor discriminators.

use crate::syscalls::{self, Bytes};

/// Hashes the concatenation of `parts` with the `sol_sha256` syscall.
pub fn sha256(parts: &[Bytes]) -> [u8; 32] {
    let mut digest = [0u8; 32];
    // SAFETY: `parts` is a live slice of (address, length) entries and `digest` has 32 bytes.
    // The syscall cannot fail for in-bounds arguments (it aborts the VM otherwise).
    unsafe { syscalls::sol_sha256(parts.as_ptr(), parts.len() as u64, digest.as_mut_ptr()) };
    digest
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const INITIAL: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Streaming SHA-256 usable in `const` context:
/// `Sha256::new().update(b"account:").update(name).finalize()`.
#[derive(Clone, Copy)]
pub struct Sha256 {
    state: [u32; 8],
    block: [u8; 64],
    block_len: usize,
    total_len: u64,
}

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256 {
    pub const fn new() -> Self {
        Self {
            state: INITIAL,
            block: [0; 64],
            block_len: 0,
            total_len: 0,
        }
    }

    pub const fn update(mut self, data: &[u8]) -> Self {
        let mut i = 0;
        while i < data.len() {
            self.block[self.block_len] = data[i];
            self.block_len += 1;
            if self.block_len == 64 {
                self.state = compress(self.state, &self.block);
                self.block_len = 0;
            }
            i += 1;
        }
        self.total_len = self.total_len.wrapping_add(data.len() as u64);
        self
    }

    pub const fn finalize(mut self) -> [u8; 32] {
        let bit_len = self.total_len.wrapping_mul(8);
        self.block[self.block_len] = 0x80;
        self.block_len += 1;
        if self.block_len > 56 {
            while self.block_len < 64 {
                self.block[self.block_len] = 0;
                self.block_len += 1;
            }
            self.state = compress(self.state, &self.block);
            self.block_len = 0;
        }
        while self.block_len < 56 {
            self.block[self.block_len] = 0;
            self.block_len += 1;
        }
        let len_bytes = bit_len.to_be_bytes();
        let mut i = 0;
        while i < 8 {
            self.block[56 + i] = len_bytes[i];
            i += 1;
        }
        self.state = compress(self.state, &self.block);
        let mut digest = [0u8; 32];
        let mut w = 0;
        while w < 8 {
            let bytes = self.state[w].to_be_bytes();
            digest[4 * w] = bytes[0];
            digest[4 * w + 1] = bytes[1];
            digest[4 * w + 2] = bytes[2];
            digest[4 * w + 3] = bytes[3];
            w += 1;
        }
        digest
    }
}

const fn compress(mut state: [u32; 8], block: &[u8; 64]) -> [u32; 8] {
    let mut w = [0u32; 64];
    let mut t = 0;
    while t < 16 {
        w[t] = u32::from_be_bytes([
            block[4 * t],
            block[4 * t + 1],
            block[4 * t + 2],
            block[4 * t + 3],
        ]);
        t += 1;
    }
    while t < 64 {
        let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
        let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16]
            .wrapping_add(s0)
            .wrapping_add(w[t - 7])
            .wrapping_add(s1);
        t += 1;
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = state;
    t = 0;
    while t < 64 {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = h
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(K[t])
            .wrapping_add(w[t]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        h = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
        t += 1;
    }
    let add = [a, b, c, d, e, f, g, h];
    let mut i = 0;
    while i < 8 {
        state[i] = state[i].wrapping_add(add[i]);
        i += 1;
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // FIPS 180-2 test vectors plus lengths around the 55/56/64-byte padding edges
    // (expected values from coreutils sha256sum).
    #[test]
    fn matches_known_digests() {
        let million_a = vec![b'a'; 1_000_000];
        let cases: [(&[u8], &str); 7] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                &[b'x'; 55],
                "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072",
            ),
            (
                &[b'x'; 56],
                "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e",
            ),
            (
                &[b'x'; 64],
                "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c",
            ),
            (
                &million_a,
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(
                hex(&Sha256::new().update(input).finalize()),
                want,
                "len {}",
                input.len()
            );
        }
    }

    #[test]
    fn streaming_equals_one_shot() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        let one_shot = Sha256::new().update(&data).finalize();
        for split in [0, 1, 55, 63, 64, 65, 128, 299, 300] {
            let (a, b) = data.split_at(split);
            assert_eq!(
                Sha256::new().update(a).update(b).finalize(),
                one_shot,
                "split at {split}"
            );
        }
    }

    #[test]
    fn syscall_wrapper_hashes_concatenation() {
        let parts = [Bytes::new(b"ab"), Bytes::new(b""), Bytes::new(b"c")];
        assert_eq!(sha256(&parts), Sha256::new().update(b"abc").finalize());
    }

    #[test]
    fn usable_in_const() {
        const DIGEST: [u8; 32] = Sha256::new().update(b"abc").finalize();
        assert_eq!(hex(&DIGEST[..4]), "ba7816bf");
    }
}
