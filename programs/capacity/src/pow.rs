//! The challenge's arithmetic, mirrored byte for byte by the Go package `client/capacity/pow`
//! (both check `programs-idl/testdata/capacity-vectors.json`):
//!
//! - the prime field GF(p), p = 2^61 - 1 (a Mersenne prime: reduction is two folds, no division);
//! - the generator: `A[i][t] = element(seed[0..8], i*n + t)`, `B[t][j] = element(seed[8..16], t*n + j)`
//!   with `element(key, index) = splitmix64(key + (index + 1) * 0x9E3779B97F4A7C15) & p` (p itself
//!   read as 0), so one row of A or column of B is regenerated without the rest;
//! - the seed: `sha256("ionet-capacity-seed" || slot hash || device key || request slot LE)`;
//! - the Merkle tree over C in row-major order (each row's subtree root is the row's leaf of a tree
//!   over rows): leaf `sha256(0x00 || C[i][j] LE)`, node `sha256(0x01 || left || right)`; n is a power
//!   of two, so the tree has 2*log2(n) levels;
//! - the spot check: entry m (0 <= m < k) is `x mod n^2` for
//!   `x = sha256("ionet-capacity-check" || check slot hash || seed || m)[0..8] LE`, i.e. `(x / n, x % n)`.

use ionet_sdk::hash::sha256;
use ionet_sdk::math::mul_wide;
use ionet_sdk::syscalls::Bytes;

/// The field's modulus, 2^61 - 1.
pub const P: u64 = (1 << 61) - 1;
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;
pub const SEED_DOMAIN: &[u8] = b"ionet-capacity-seed";
pub const CHECK_DOMAIN: &[u8] = b"ionet-capacity-check";

/// `a * b mod p` for `a, b < p`.
#[inline(always)]
pub fn mul_mod(a: u64, b: u64) -> u64 {
    let (high, low) = mul_wide(a, b);
    // a*b = high*2^64 + low = (high << 3 | low >> 61) * 2^61 + (low & p), and 2^61 = 1 (mod p).
    let folded = (low & P) + ((low >> 61) | (high << 3));
    reduce(folded)
}

/// `x mod p` for `x < 2^62 + 2^61`.
#[inline(always)]
fn reduce(x: u64) -> u64 {
    let x = (x & P) + (x >> 61);
    if x >= P {
        x - P
    } else {
        x
    }
}

/// `a + b mod p` for `a, b < p`.
#[inline(always)]
pub fn add_mod(a: u64, b: u64) -> u64 {
    let sum = a + b;
    if sum >= P {
        sum - P
    } else {
        sum
    }
}

/// The generator's element `index` under `key`: a field element below p.
#[inline(always)]
pub fn element(key: u64, index: u64) -> u64 {
    let mut z = key.wrapping_add(index.wrapping_add(1).wrapping_mul(GOLDEN));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let value = z & P;
    if value == P {
        0
    } else {
        value
    }
}

/// The generator keys of A and B.
pub fn keys(seed: &[u8; 32]) -> (u64, u64) {
    let mut a = [0u8; 8];
    let mut b = [0u8; 8];
    a.copy_from_slice(&seed[..8]);
    b.copy_from_slice(&seed[8..16]);
    (u64::from_le_bytes(a), u64::from_le_bytes(b))
}

/// `C[i][j] = sum_t A[i][t] * B[t][j] mod p`, regenerating row i of A and column j of B.
pub fn entry(seed: &[u8; 32], n: u64, i: u64, j: u64) -> u64 {
    let (key_a, key_b) = keys(seed);
    let row = i * n;
    let mut sum = 0;
    let mut t = 0;
    while t < n {
        let a = element(key_a, row + t);
        let b = element(key_b, t * n + j);
        sum = add_mod(sum, mul_mod(a, b));
        t += 1;
    }
    sum
}

/// The challenge seed.
pub fn seed(slot_hash: &[u8; 32], device_key: &[u8; 32], request_slot: u64) -> [u8; 32] {
    let slot = request_slot.to_le_bytes();
    sha256(&[
        Bytes::new(SEED_DOMAIN),
        Bytes::new(slot_hash),
        Bytes::new(device_key),
        Bytes::new(&slot),
    ])
}

/// The spot check's entry `m` as `(i, j)`; n is a power of two.
pub fn checked_entry(check_hash: &[u8; 32], seed: &[u8; 32], n: u64, m: u8) -> (u64, u64) {
    let digest = sha256(&[
        Bytes::new(CHECK_DOMAIN),
        Bytes::new(check_hash),
        Bytes::new(seed),
        Bytes::new(core::slice::from_ref(&m)),
    ]);
    let mut word = [0u8; 8];
    word.copy_from_slice(&digest[..8]);
    let x = u64::from_le_bytes(word) & (n * n - 1);
    (x / n, x % n)
}

/// The Merkle leaf of an entry.
pub fn leaf(value: u64) -> [u8; 32] {
    sha256(&[Bytes::new(&[0]), Bytes::new(&value.to_le_bytes())])
}

/// The parent of two nodes.
pub fn node(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
    sha256(&[Bytes::new(&[1]), Bytes::new(left), Bytes::new(right)])
}

/// Whether `path` (siblings from the leaf up) leads from `value` at leaf `index` to `root`.
pub fn verify_path(root: &[u8; 32], index: u64, value: u64, path: &[[u8; 32]]) -> bool {
    let mut current = leaf(value);
    let mut position = index;
    for sibling in path {
        current = if position & 1 == 0 {
            node(&current, sibling)
        } else {
            node(sibling, &current)
        };
        position >>= 1;
    }
    position == 0 && &current == root
}

/// log2 of a power of two.
pub fn log2(n: u64) -> u32 {
    n.trailing_zeros()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_matches_u128() {
        let samples = [
            0,
            1,
            2,
            P - 1,
            P - 2,
            1 << 60,
            (1 << 61) - 3,
            123_456_789_012_345,
        ];
        for a in samples {
            for b in samples {
                let want = ((a as u128 * b as u128) % P as u128) as u64;
                assert_eq!(mul_mod(a, b), want, "{a} * {b}");
                assert_eq!(add_mod(a, b), ((a as u128 + b as u128) % P as u128) as u64);
            }
        }
    }

    #[test]
    fn entry_is_the_matrix_product() {
        let seed = [7u8; 32];
        let n = 8;
        let (ka, kb) = keys(&seed);
        for i in 0..n {
            for j in 0..n {
                let mut want: u128 = 0;
                for t in 0..n {
                    want += element(ka, i * n + t) as u128 * element(kb, t * n + j) as u128;
                }
                assert_eq!(entry(&seed, n, i, j), (want % P as u128) as u64);
            }
        }
    }

    #[test]
    fn paths_verify_only_at_their_place() {
        // A 2x2 matrix: 4 leaves, 2 levels.
        let values = [5u64, 6, 7, 8];
        let leaves: Vec<[u8; 32]> = values.iter().map(|v| leaf(*v)).collect();
        let left = node(&leaves[0], &leaves[1]);
        let right = node(&leaves[2], &leaves[3]);
        let root = node(&left, &right);
        assert!(verify_path(&root, 2, 7, &[leaves[3], left]));
        assert!(!verify_path(&root, 2, 9, &[leaves[3], left]), "wrong value");
        assert!(!verify_path(&root, 3, 7, &[leaves[3], left]), "wrong index");
        assert!(
            !verify_path(&root, 6, 7, &[leaves[3], left]),
            "index past the tree"
        );
    }
}
