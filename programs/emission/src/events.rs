//! Anchor events (`Program data:` logs): `sha256("event:<Name>")[..8]` then the Borsh fields, as
//! the IDL's `events` and `types` declare them. Each is written into a fixed stack array.

use ionet_sdk::discriminator::event;
use ionet_sdk::log::log_data;
use ionet_sdk::syscalls::Bytes;
use ionet_sdk::Pubkey;

/// Appends fields to a fixed buffer; the sizes below are the exact sums of each event's fields.
struct Writer<'a> {
    buf: &'a mut [u8],
    at: usize,
}

impl Writer<'_> {
    fn put(&mut self, bytes: &[u8]) -> &mut Self {
        self.buf[self.at..self.at + bytes.len()].copy_from_slice(bytes);
        self.at += bytes.len();
        self
    }
}

/// `EpochsMinted`: a crank minted epochs `first..=last`.
pub struct EpochsMinted<'a> {
    pub cranker: &'a Pubkey,
    pub first_epoch: u64,
    pub last_epoch: u64,
    pub staker_amount: u64,
    pub supplier_amount: u64,
    pub tip: u64,
    pub emitted: u64,
}

impl EpochsMinted<'_> {
    pub fn emit(&self) {
        let mut buf = [0u8; 8 + 32 + 6 * 8];
        Writer {
            buf: &mut buf,
            at: 0,
        }
        .put(&const { event("EpochsMinted") })
        .put(self.cranker)
        .put(&self.first_epoch.to_le_bytes())
        .put(&self.last_epoch.to_le_bytes())
        .put(&self.staker_amount.to_le_bytes())
        .put(&self.supplier_amount.to_le_bytes())
        .put(&self.tip.to_le_bytes())
        .put(&self.emitted.to_le_bytes());
        log_data(&[Bytes::new(&buf)]);
    }
}

/// `Burned`: burn record `index` burned `amount` from `source`.
pub fn burned(index: u64, burner: &Pubkey, source: &Pubkey, amount: u64, total_burned: u64) {
    let mut buf = [0u8; 8 + 8 + 2 * 32 + 2 * 8];
    Writer {
        buf: &mut buf,
        at: 0,
    }
    .put(&const { event("Burned") })
    .put(&index.to_le_bytes())
    .put(burner)
    .put(source)
    .put(&amount.to_le_bytes())
    .put(&total_burned.to_le_bytes());
    log_data(&[Bytes::new(&buf)]);
}

/// `HeartbeatRecorded`: `device_key` was live in `epoch` with `weight`; the epoch's total so far.
pub fn heartbeat_recorded(
    device_key: &Pubkey,
    owner: &Pubkey,
    epoch: u64,
    weight: u64,
    total_weight: u64,
) {
    let mut buf = [0u8; 8 + 2 * 32 + 3 * 8];
    Writer {
        buf: &mut buf,
        at: 0,
    }
    .put(&const { event("HeartbeatRecorded") })
    .put(device_key)
    .put(owner)
    .put(&epoch.to_le_bytes())
    .put(&weight.to_le_bytes())
    .put(&total_weight.to_le_bytes());
    log_data(&[Bytes::new(&buf)]);
}

/// `SupplierRewardClaimed`: `owner` got `amount` of `epoch`'s supplier amount for `device_key`'s
/// heartbeat (`weight` of `total_weight`).
pub struct SupplierRewardClaimed<'a> {
    pub device_key: &'a Pubkey,
    pub owner: &'a Pubkey,
    pub epoch: u64,
    pub weight: u64,
    pub total_weight: u64,
    pub amount: u64,
}

impl SupplierRewardClaimed<'_> {
    pub fn emit(&self) {
        let mut buf = [0u8; 8 + 2 * 32 + 4 * 8];
        Writer {
            buf: &mut buf,
            at: 0,
        }
        .put(&const { event("SupplierRewardClaimed") })
        .put(self.device_key)
        .put(self.owner)
        .put(&self.epoch.to_le_bytes())
        .put(&self.weight.to_le_bytes())
        .put(&self.total_weight.to_le_bytes())
        .put(&self.amount.to_le_bytes());
        log_data(&[Bytes::new(&buf)]);
    }
}

/// `SupplierPoolSwept`: `amount` no device could claim any more moved from the supplier vault to
/// `treasury`; `claimable` stayed behind; `total_swept` is every sweep's sum.
pub fn supplier_pool_swept(
    treasury: &Pubkey,
    amount: u64,
    claimable: u64,
    total_swept: u64,
    last_minted_epoch: u64,
) {
    let mut buf = [0u8; 8 + 32 + 4 * 8];
    Writer {
        buf: &mut buf,
        at: 0,
    }
    .put(&const { event("SupplierPoolSwept") })
    .put(treasury)
    .put(&amount.to_le_bytes())
    .put(&claimable.to_le_bytes())
    .put(&total_swept.to_le_bytes())
    .put(&last_minted_epoch.to_le_bytes());
    log_data(&[Bytes::new(&buf)]);
}

/// `SlashBurned`: the staking program burned `amount` of slashed device stake from `source` (the
/// stake vault) through the ledger; `total_burned` is the ledger's total after it.
pub fn slash_burned(source: &Pubkey, amount: u64, total_burned: u64) {
    let mut buf = [0u8; 8 + 32 + 2 * 8];
    Writer {
        buf: &mut buf,
        at: 0,
    }
    .put(&const { event("SlashBurned") })
    .put(source)
    .put(&amount.to_le_bytes())
    .put(&total_burned.to_le_bytes());
    log_data(&[Bytes::new(&buf)]);
}
