//! Anchor events (`Program data:` logs), each `sha256("event:<Name>")[..8]` followed by its
//! Borsh fields, as the IDL's `events` and `types` declare them.

use core::mem::MaybeUninit;

use ionet_sdk::discriminator;
use ionet_sdk::log::log_data;
use ionet_sdk::syscalls::Bytes;
use ionet_sdk::{ProgramResult, Pubkey};

/// Longest event: `Slashed`, 8 + 3 * 32 + 3 * 8 bytes.
const MAX_EVENT_LEN: usize = 128;

/// One event line: discriminator then Borsh fields, in an uninitialised stack buffer. (The SDK's
/// `event::emit` zeroes and copies a 1 KiB buffer, about 8,000 compute units; this costs tens.)
pub(crate) struct Fields {
    buf: [MaybeUninit<u8>; MAX_EVENT_LEN],
    len: usize,
}

impl Fields {
    fn new() -> Self {
        Self {
            buf: [MaybeUninit::uninit(); MAX_EVENT_LEN],
            len: 0,
        }
    }

    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        let end = self.len + bytes.len();
        // Every event is written by the fixed sequences below, at most MAX_EVENT_LEN bytes.
        let dst = &mut self.buf[self.len..end];
        // SAFETY: `MaybeUninit<u8>` has the layout of `u8`; `dst` is exactly `bytes.len()` long
        // and cannot overlap `bytes` (it is this struct's own buffer, borrowed mutably).
        unsafe {
            core::ptr::copy_nonoverlapping(bytes.as_ptr(), dst.as_mut_ptr() as *mut u8, bytes.len())
        };
        self.len = end;
        self
    }

    pub(crate) fn key(&mut self, key: &Pubkey) -> &mut Self {
        self.bytes(key)
    }

    pub(crate) fn u64(&mut self, value: u64) -> &mut Self {
        self.bytes(&value.to_le_bytes())
    }

    pub(crate) fn i64(&mut self, value: i64) -> &mut Self {
        self.bytes(&value.to_le_bytes())
    }

    pub(crate) fn emit(&self) -> ProgramResult {
        // SAFETY: the first `len` bytes were written by `bytes`.
        let line = unsafe { core::slice::from_raw_parts(self.buf.as_ptr() as *const u8, self.len) };
        log_data(&[Bytes::new(line)]);
        Ok(())
    }
}

/// Starts an event line with its discriminator.
pub(crate) fn start(discriminator: [u8; 8]) -> Fields {
    let mut fields = Fields::new();
    fields.bytes(&discriminator);
    fields
}

pub fn staked(owner: &Pubkey, amount: u64, active: u64) -> ProgramResult {
    start(discriminator!(event, "Staked"))
        .key(owner)
        .u64(amount)
        .u64(active)
        .emit()
}

pub fn unstaked(owner: &Pubkey, amount: u64, unlock_ts: i64) -> ProgramResult {
    start(discriminator!(event, "Unstaked"))
        .key(owner)
        .u64(amount)
        .i64(unlock_ts)
        .emit()
}

pub fn withdrawn(owner: &Pubkey, amount: u64) -> ProgramResult {
    start(discriminator!(event, "Withdrawn"))
        .key(owner)
        .u64(amount)
        .emit()
}

pub fn rewards_claimed(owner: &Pubkey, amount: u64) -> ProgramResult {
    start(discriminator!(event, "RewardsClaimed"))
        .key(owner)
        .u64(amount)
        .emit()
}

/// `epochs_end_ts`: 0 for a donation (shared over all active stake), else the end of the last
/// emission epoch this funding pays (shared over the earning stake).
pub fn rewards_funded(funder: &Pubkey, amount: u64, epochs_end_ts: i64) -> ProgramResult {
    start(discriminator!(event, "RewardsFunded"))
        .key(funder)
        .u64(amount)
        .i64(epochs_end_ts)
        .emit()
}

pub fn stake_activated(owner: &Pubkey, amount: u64) -> ProgramResult {
    start(discriminator!(event, "StakeActivated"))
        .key(owner)
        .u64(amount)
        .emit()
}

pub fn device_registered(
    device_key: &Pubkey,
    owner: &Pubkey,
    gpu_class: u8,
    gpu_count: u64,
) -> ProgramResult {
    start(discriminator!(event, "DeviceRegistered"))
        .key(device_key)
        .key(owner)
        .bytes(&[gpu_class])
        .u64(gpu_count)
        .emit()
}

pub fn device_staked(device_key: &Pubkey, amount: u64, stake: u64) -> ProgramResult {
    start(discriminator!(event, "DeviceStaked"))
        .key(device_key)
        .u64(amount)
        .u64(stake)
        .emit()
}

pub fn device_unstaked(device_key: &Pubkey, amount: u64, unlock_ts: i64) -> ProgramResult {
    start(discriminator!(event, "DeviceUnstaked"))
        .key(device_key)
        .u64(amount)
        .i64(unlock_ts)
        .emit()
}

pub fn device_withdrawn(device_key: &Pubkey, amount: u64) -> ProgramResult {
    start(discriminator!(event, "DeviceWithdrawn"))
        .key(device_key)
        .u64(amount)
        .emit()
}

/// Slashed `amount` from a device: `burned` burned, `paid` to the `beneficiary` token account.
pub struct Slashed<'a> {
    pub device_key: &'a Pubkey,
    pub slasher: &'a Pubkey,
    pub beneficiary: &'a Pubkey,
    pub amount: u64,
    pub burned: u64,
    pub paid: u64,
}

impl Slashed<'_> {
    pub fn emit(&self) -> ProgramResult {
        start(discriminator!(event, "Slashed"))
            .key(self.device_key)
            .key(self.slasher)
            .key(self.beneficiary)
            .u64(self.amount)
            .u64(self.burned)
            .u64(self.paid)
            .emit()
    }
}
