//! What another program (the emission heartbeat) needs to read: whether a device counts as live
//! by its capacity record. Depend on this crate with `features = ["no-entrypoint"]`.

use ionet_sdk::state::Layout;
use ionet_sdk::{AccountInfo, ProgramError, Pubkey};

use crate::state::{CapacityConfig, DeviceCapacity};

/// Whether `device_key` is live by the capacity program `capacity_program` at `slot` and unix
/// time `now`: `config` must be that program's `CapacityConfig` and `record` its
/// `DeviceCapacity` of `device_key` (owner, discriminator and stored key checked; the program
/// creates a record only at the seeded address of `"capacity"` + its device key under its config
/// PDA, and never closes or moves one). Any mismatch returns
/// `wrong()`, the caller's own error.
// Always inlined: six arguments are more than SBPF's five argument registers.
#[inline(always)]
pub fn is_device_live(
    config: &AccountInfo,
    record: &AccountInfo,
    capacity_program: &Pubkey,
    device_key: &Pubkey,
    (slot, now): (u64, i64),
    wrong: impl Fn() -> ProgramError,
) -> Result<bool, ProgramError> {
    if !config.is_owned_by(capacity_program) || !record.is_owned_by(capacity_program) {
        return Err(wrong());
    }
    let config_data = config.try_borrow_data()?;
    let record_data = record.try_borrow_data()?;
    let (Some(cfg), Some(rec)) = (
        CapacityConfig::view(&config_data),
        DeviceCapacity::view(&record_data),
    ) else {
        return Err(wrong());
    };
    if &rec.device_key != device_key {
        return Err(wrong());
    }
    Ok(rec.is_live(slot, now, cfg.validity_epochs))
}
