//! Host stand-ins for the syscalls, so the library builds and its pure logic runs under
//! `cargo test` on x86_64. Memory and sha256 behave as on-chain; logging is a no-op; the syscalls
//! that need a runtime (PDA, CPI, sysvars, return data) return a failure code.
#![allow(clippy::missing_safety_doc)]

use super::Bytes;

/// What the stand-ins return for syscalls that only exist inside the runtime.
const UNAVAILABLE_ON_HOST: u64 = 1;

pub unsafe fn sol_log_(_message: *const u8, _len: u64) {}
pub unsafe fn sol_log_64_(_a: u64, _b: u64, _c: u64, _d: u64, _e: u64) {}
pub unsafe fn sol_log_compute_units_() {}
pub unsafe fn sol_log_pubkey(_pubkey: *const u8) {}
pub unsafe fn sol_log_data(_data: *const Bytes, _data_len: u64) {}

pub unsafe fn sol_sha256(vals: *const Bytes, val_len: u64, hash_result: *mut u8) -> u64 {
    // SAFETY: the caller passes `val_len` valid entries and a 32-byte writable result.
    let parts = unsafe { core::slice::from_raw_parts(vals, val_len as usize) };
    let mut hasher = crate::hash::Sha256::new();
    for part in parts {
        hasher = hasher.update(part.as_slice());
    }
    let digest = hasher.finalize();
    // SAFETY: see above: `hash_result` points to 32 writable bytes.
    unsafe { core::ptr::copy_nonoverlapping(digest.as_ptr(), hash_result, 32) };
    0
}

pub unsafe fn sol_memcpy_(dst: *mut u8, src: *const u8, n: u64) {
    // SAFETY: the caller guarantees both ranges are valid and do not overlap (sol_memcpy_'s contract).
    unsafe { core::ptr::copy_nonoverlapping(src, dst, n as usize) }
}

pub unsafe fn sol_memmove_(dst: *mut u8, src: *const u8, n: u64) {
    // SAFETY: the caller guarantees both ranges are valid.
    unsafe { core::ptr::copy(src, dst, n as usize) }
}

pub unsafe fn sol_memset_(s: *mut u8, c: u8, n: u64) {
    // SAFETY: the caller guarantees the range is valid and writable.
    unsafe { core::ptr::write_bytes(s, c, n as usize) }
}

pub unsafe fn sol_memcmp_(s1: *const u8, s2: *const u8, n: u64, result: *mut i32) {
    // SAFETY: the caller guarantees both ranges are valid and `result` is writable.
    let (a, b) = unsafe {
        (
            core::slice::from_raw_parts(s1, n as usize),
            core::slice::from_raw_parts(s2, n as usize),
        )
    };
    // Agave returns the difference of the first differing bytes.
    let diff = a
        .iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .map_or(0, |(x, y)| *x as i32 - *y as i32);
    // SAFETY: see above.
    unsafe { *result = diff };
}

/// Neither 0 (a point) nor 1 (not a point): the host has no curve arithmetic, so PDA derivation
/// fails there (its hashing is tested against known vectors; the whole rule runs on the SVM in
/// programs/fixtures `TestPDADerivation`).
pub unsafe fn sol_curve_validate_point(_curve_id: u64, _point: *const u8, _result: *mut u8) -> u64 {
    2
}

pub unsafe fn sol_invoke_signed_c(
    _instruction: *const u8,
    _account_infos: *const u8,
    _account_infos_len: u64,
    _signers_seeds: *const u8,
    _signers_seeds_len: u64,
) -> u64 {
    UNAVAILABLE_ON_HOST
}

pub unsafe fn sol_get_clock_sysvar(_addr: *mut u8) -> u64 {
    UNAVAILABLE_ON_HOST
}

pub unsafe fn sol_get_rent_sysvar(_addr: *mut u8) -> u64 {
    UNAVAILABLE_ON_HOST
}

pub unsafe fn sol_set_return_data(_data: *const u8, _length: u64) {}

pub unsafe fn sol_get_return_data(_data: *mut u8, _length: u64, _program_id: *mut u8) -> u64 {
    0
}

pub unsafe fn abort() -> ! {
    panic!("abort syscall")
}

pub unsafe fn sol_panic_(_file: *const u8, _len: u64, line: u64, column: u64) -> ! {
    panic!("sol_panic_ at line {line} column {column}")
}
