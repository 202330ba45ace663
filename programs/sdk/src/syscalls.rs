//! Raw syscall bindings. On SBPF these are undefined `extern "C"` functions that the linker turns
//! into syscalls (`call` by murmur3 hash of the name); the safe wrappers live in [`crate::log`],
//! [`crate::mem`], [`crate::hash`], [`crate::pda`], [`crate::cpi`], [`crate::sysvar`] and
//! [`crate::return_data`].
//!
//! On the host (unit tests) the same names resolve to small stand-ins in `host.rs`: the pure ones
//! (memory, sha256, logging as a no-op) behave like the runtime; the rest report failure.
//! The argument shapes follow Agave's syscall ABI: a "slice of slices" argument is a pointer to
//! [`Bytes`] entries (address, length) and its entry count.

use core::marker::PhantomData;

/// One `(address, length)` entry as the runtime reads it for `sol_log_data`, `sol_sha256`,
/// PDA seeds and CPI signer seeds.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Bytes<'a> {
    addr: *const u8,
    len: u64,
    _bytes: PhantomData<&'a [u8]>,
}

impl<'a> Bytes<'a> {
    pub const fn new(bytes: &'a [u8]) -> Self {
        Self {
            addr: bytes.as_ptr(),
            len: bytes.len() as u64,
            _bytes: PhantomData,
        }
    }

    pub const fn as_slice(&self) -> &'a [u8] {
        // SAFETY: built only from a `&'a [u8]` in `new`, so the pointer and length describe a live
        // slice for 'a.
        unsafe { core::slice::from_raw_parts(self.addr, self.len as usize) }
    }
}

impl<'a> From<&'a [u8]> for Bytes<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Self::new(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Bytes<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Self::new(bytes)
    }
}

#[cfg(target_arch = "bpf")]
extern "C" {
    pub fn sol_log_(message: *const u8, len: u64);
    pub fn sol_log_64_(a: u64, b: u64, c: u64, d: u64, e: u64);
    pub fn sol_log_compute_units_();
    pub fn sol_log_pubkey(pubkey: *const u8);
    pub fn sol_log_data(data: *const Bytes, data_len: u64);
    pub fn sol_sha256(vals: *const Bytes, val_len: u64, hash_result: *mut u8) -> u64;
    pub fn sol_memcpy_(dst: *mut u8, src: *const u8, n: u64);
    pub fn sol_memmove_(dst: *mut u8, src: *const u8, n: u64);
    pub fn sol_memset_(s: *mut u8, c: u8, n: u64);
    pub fn sol_memcmp_(s1: *const u8, s2: *const u8, n: u64, result: *mut i32);
    pub fn sol_curve_validate_point(curve_id: u64, point: *const u8, result: *mut u8) -> u64;
    pub fn sol_invoke_signed_c(
        instruction: *const u8,
        account_infos: *const u8,
        account_infos_len: u64,
        signers_seeds: *const u8,
        signers_seeds_len: u64,
    ) -> u64;
    pub fn sol_get_clock_sysvar(addr: *mut u8) -> u64;
    pub fn sol_get_rent_sysvar(addr: *mut u8) -> u64;
    pub fn sol_set_return_data(data: *const u8, length: u64);
    pub fn sol_get_return_data(data: *mut u8, length: u64, program_id: *mut u8) -> u64;
    pub fn abort() -> !;
    pub fn sol_panic_(file: *const u8, len: u64, line: u64, column: u64) -> !;
}

#[cfg(not(target_arch = "bpf"))]
mod host;
#[cfg(not(target_arch = "bpf"))]
pub use host::*;
