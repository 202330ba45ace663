//! Memory syscalls: bulk copies and compares at a flat compute cost instead of a byte loop.
//! The linker already turns `copy_from_slice` and friends with a run-time length into these;
//! call them directly where that intent should be explicit.

use crate::syscalls;

/// Copies `src` into `dst`. Panics when the lengths differ (as `copy_from_slice` does).
#[inline]
pub fn copy(dst: &mut [u8], src: &[u8]) {
    assert!(
        dst.len() == src.len(),
        "mem::copy: source and destination lengths differ"
    );
    // SAFETY: equal lengths, and `&mut` guarantees the ranges do not overlap.
    unsafe { syscalls::sol_memcpy_(dst.as_mut_ptr(), src.as_ptr(), src.len() as u64) }
}

/// Copies `len` bytes within `buf` from `from` to `to`; the ranges may overlap.
/// Panics when either range is out of bounds.
#[inline]
pub fn move_within(buf: &mut [u8], from: usize, to: usize, len: usize) {
    let in_bounds = |at: usize| at.checked_add(len).is_some_and(|end| end <= buf.len());
    assert!(
        in_bounds(from) && in_bounds(to),
        "mem::move_within: range out of bounds"
    );
    let base = buf.as_mut_ptr();
    // SAFETY: both ranges are inside `buf` (checked above); sol_memmove_ allows overlap.
    unsafe { syscalls::sol_memmove_(base.add(to), base.add(from), len as u64) }
}

/// Fills `dst` with `byte`.
#[inline]
pub fn set(dst: &mut [u8], byte: u8) {
    // SAFETY: writes exactly `dst`.
    unsafe { syscalls::sol_memset_(dst.as_mut_ptr(), byte, dst.len() as u64) }
}

/// Compares equal-length byte strings: negative, zero or positive like C's `memcmp`.
/// Panics when the lengths differ.
#[inline]
pub fn compare(a: &[u8], b: &[u8]) -> i32 {
    assert!(a.len() == b.len(), "mem::compare: lengths differ");
    let mut result = 0i32;
    // SAFETY: both slices have `a.len()` readable bytes; `result` is a live i32.
    unsafe { syscalls::sol_memcmp_(a.as_ptr(), b.as_ptr(), a.len() as u64, &mut result) };
    result
}

/// The C `memcmp` that `==` on byte arrays longer than 16 bytes (every `Pubkey` comparison) and
/// on byte slices lowers to. Up to 64 bytes in whole words (a key: four 8-byte loads a side,
/// SBPF allowing any alignment) it compares inline, about a dozen instructions; anything else
/// goes to the `sol_memcmp_` syscall (a flat 10 compute units up to 2,500 bytes, plus the call).
/// Either way it replaces compiler_builtins' byte loop, about 7 units a byte (over 200 for a key).
/// Defined for SBPF only; the host keeps its C library's.
#[cfg(target_arch = "bpf")]
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    if n <= 64 && n % 8 == 0 {
        let mut at = 0;
        while at < n {
            // SAFETY: `at + 8 <= n`, and the caller passes `n` readable bytes at `a` and at `b`.
            let (x, y) = unsafe {
                (
                    (a.add(at) as *const u64).read_unaligned(),
                    (b.add(at) as *const u64).read_unaligned(),
                )
            };
            if x != y {
                // Little-endian words: byte-swapped, their order is the bytes' order.
                return if x.swap_bytes() < y.swap_bytes() {
                    -1
                } else {
                    1
                };
            }
            at += 8;
        }
        return 0;
    }
    let mut result = 0i32;
    // SAFETY: the caller passes `n` readable bytes at `a` and at `b`, as C's `memcmp` requires.
    unsafe { syscalls::sol_memcmp_(a, b, n as u64, &mut result) };
    result
}

/// `bcmp`, which LLVM may call instead of `memcmp` where only equality matters: the same syscall.
#[cfg(target_arch = "bpf")]
#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: as for `memcmp`.
    unsafe { memcmp(a, b, n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_moves_sets_and_compares() {
        let mut dst = [0u8; 4];
        copy(&mut dst, &[1, 2, 3, 4]);
        assert_eq!(dst, [1, 2, 3, 4]);

        let mut buf = [1u8, 2, 3, 4, 5];
        move_within(&mut buf, 0, 1, 4);
        assert_eq!(buf, [1, 1, 2, 3, 4]);

        set(&mut buf[1..3], 9);
        assert_eq!(buf, [1, 9, 9, 3, 4]);

        let cases = [
            (&[1u8, 2][..], &[1u8, 2][..], 0i32),
            (&[1, 3], &[1, 2], 1),
            (&[0, 0], &[0, 5], -5),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare(a, b).signum(), want.signum(), "{a:?} vs {b:?}");
        }
    }

    #[test]
    #[should_panic(expected = "range out of bounds")]
    fn move_out_of_bounds_panics() {
        move_within(&mut [0u8; 4], 2, 0, 3);
    }
}
