//! Account layouts, byte for byte as `programs-idl/capacity.json` describes them, the parameter
//! bounds and the liveness rule other programs apply.

use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::error::CapacityError;

pub use staking_state::MAX_GPU_CLASSES;

pub const CONFIG_SEED: &[u8] = b"config";
/// The tag of a record's seed (`staking_state::KeySeed` with the device key): the record is at
/// that seeded address (`ionet_sdk::seeded`) under the config PDA.
pub const CAPACITY_TAG: &[u8] = b"capacity";

// Bounds of the parameters (`CapacityParams`; the IDL docs list them).
/// Matrix sizes: a power of two in this range, or 0 (the class is not challenged).
pub const MIN_N: u64 = 8;
pub const MAX_N: u64 = 4096;
/// Entries spot-checked per challenge.
pub const MIN_K: u64 = 1;
pub const MAX_K: u64 = 16;
/// Bytes of one proved entry in `prove`'s data: m (1), value (8), the path's length (4) and
/// 2*log2(n) hashes.
pub const fn entry_bytes(n: u64) -> u64 {
    13 + 64 * n.trailing_zeros() as u64
}
/// Most bytes of entries one `prove` may carry: all k entries fit one transaction (1,232 bytes)
/// beside two signatures, five accounts and a compute-budget instruction.
pub const MAX_PROOF_BYTES: u64 = 840;
/// Slots to commit after the request, and to prove after the commit. Below 512: the seed's and
/// the check's slot hashes must still be in SlotHashes when they are read.
pub const MIN_DEADLINE_SLOTS: u64 = 10;
pub const MAX_DEADLINE_SLOTS: u64 = 400;
/// Emission epochs (hours) a pass keeps a device live.
pub const MIN_VALIDITY_EPOCHS: u64 = 1;
pub const MAX_VALIDITY_EPOCHS: u64 = 720;
/// Slots between a closed challenge and the next request: stops anyone from keeping a device
/// computing without rest. A day of 400 ms slots at most.
pub const MAX_INTERVAL_SLOTS: u64 = 216_000;
/// The emission program's epoch length.
pub const EPOCH_SECONDS: u64 = 3600;

/// Challenge states (`DeviceCapacity::status`).
pub const NONE: u8 = 0;
pub const REQUESTED: u8 = 1;
pub const COMMITTED: u8 = 2;
pub const PASSED: u8 = 3;
pub const MISSED: u8 = 4;
pub const FAULT: u8 = 5;

/// Fault codes (`DeviceCapacity::fault_slashed`, the `FaultSlashed` event): a committed entry of C
/// that is not the product's, proved by its Merkle path.
pub const FAULT_WRONG_ENTRY: u8 = 1;

/// One GPU class's challenge (index = staking's `gpu_class`).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct ClassParams {
    /// Matrix size (A, B and C are n x n); 0: the class is not challenged.
    pub n: u64,
    /// Entries the spot check picks.
    pub k: u64,
    /// Slots to commit after the request, and to prove after the commit.
    pub deadline_slots: u64,
}

/// The program's settings. PDA `["config"]`.
#[repr(C)]
pub struct CapacityConfig {
    pub discriminator: [u8; 8],
    /// Signs `update_params`.
    pub authority: Pubkey,
    /// Owner of the `Device` accounts challenged.
    pub staking_program: Pubkey,
    pub validity_epochs: u64,
    pub interval_slots: u64,
    pub classes: [ClassParams; MAX_GPU_CLASSES],
    pub bump: u8,
    pub reserved: [u8; 7],
}

/// A device's challenge and its record, at the seeded address of `"capacity"` + the device key
/// (`staking_state::KeySeed`) under the config PDA.
#[repr(C)]
pub struct DeviceCapacity {
    pub discriminator: [u8; 8],
    pub device_key: Pubkey,
    /// The open (or last) challenge, its parameters fixed at the request.
    pub n: u64,
    pub k: u64,
    pub deadline_slots: u64,
    /// Slot of the request; its hash (known only once the slot is over) seeds the challenge.
    pub request_slot: u64,
    /// Slot of the commit; its hash picks the spot-checked entries.
    pub commit_slot: u64,
    /// When the challenge closed (passed, missed or fault).
    pub closed_slot: u64,
    pub seed: [u8; 32],
    /// The committed Merkle root of C.
    pub root: [u8; 32],
    /// Bit m set: spot-check entry m proved.
    pub proved_mask: u64,
    pub challenges: u64,
    pub passes: u64,
    pub misses: u64,
    /// Proven faults: a committed entry that is not the product's. Any fault makes the device
    /// ineligible for good.
    pub faults: u64,
    pub last_pass_slot: u64,
    pub last_pass_ts: i64,
    pub status: u8,
    pub gpu_class: u8,
    /// Unused (zero): the record is at a seeded address, with no bump.
    pub unused: u8,
    /// 0 until `slash_fault` slashed the device's stake for its proven fault; then that fault's
    /// code (`FAULT_WRONG_ENTRY`). A device is slashed once: a fault is for good.
    pub fault_slashed: u8,
    pub reserved: [u8; 4],
}

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields (and arrays of such structs) without implicit padding (size assertions below), align 8.
unsafe impl Layout for CapacityConfig {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("CapacityConfig");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}
// SAFETY: as above.
unsafe impl Layout for DeviceCapacity {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("DeviceCapacity");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}

#[cold]
fn wrong_account_type(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(CapacityError::WrongAccountType)
}

const _: () = assert!(core::mem::size_of::<ClassParams>() == 24);
const _: () = assert!(
    core::mem::size_of::<CapacityConfig>() == 8 + 2 * 32 + 2 * 8 + MAX_GPU_CLASSES * 24 + 8
);
const _: () =
    assert!(core::mem::size_of::<DeviceCapacity>() == 8 + 32 + 6 * 8 + 2 * 32 + 7 * 8 + 8);

impl DeviceCapacity {
    /// The slot after which the open challenge's current phase is overdue, if one is open.
    pub fn phase_deadline(&self) -> Option<u64> {
        let start = match self.status {
            REQUESTED => self.request_slot,
            COMMITTED => self.commit_slot,
            _ => return None,
        };
        start.checked_add(self.deadline_slots)
    }

    /// Whether an open challenge is past its deadline at `slot`.
    pub fn overdue(&self, slot: u64) -> bool {
        matches!(self.phase_deadline(), Some(deadline) if slot > deadline)
    }

    /// The liveness rule: no proven fault, a pass within `validity_epochs` epochs of `now`, the
    /// last closed challenge not missed, and no open challenge past its deadline.
    pub fn is_live(&self, slot: u64, now: i64, validity_epochs: u64) -> bool {
        if self.faults != 0 || self.passes == 0 || self.status == MISSED || self.overdue(slot) {
            return false;
        }
        // No u64::saturating_mul: it lowers to a 128-bit multiply SBPF cannot run.
        let validity = math::checked_mul(validity_epochs, EPOCH_SECONDS).unwrap_or(u64::MAX);
        now >= self.last_pass_ts && ((now - self.last_pass_ts) as u64) <= validity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(status: u8) -> DeviceCapacity {
        DeviceCapacity {
            discriminator: [0; 8],
            device_key: [0; 32],
            n: 8,
            k: 2,
            deadline_slots: 10,
            request_slot: 100,
            commit_slot: 105,
            closed_slot: 0,
            seed: [0; 32],
            root: [0; 32],
            proved_mask: 0,
            challenges: 1,
            passes: 1,
            misses: 0,
            faults: 0,
            last_pass_slot: 90,
            last_pass_ts: 1_000,
            status,
            gpu_class: 0,
            unused: 0,
            fault_slashed: 0,
            reserved: [0; 4],
        }
    }

    #[test]
    fn liveness() {
        let cases = [
            ("passed, fresh", record(PASSED), 200, 1_000 + 3600, true),
            (
                "passed, validity over",
                record(PASSED),
                200,
                1_000 + 3601,
                false,
            ),
            ("requested, in time", record(REQUESTED), 110, 1_500, true),
            ("requested, overdue", record(REQUESTED), 111, 1_500, false),
            ("committed, in time", record(COMMITTED), 115, 1_500, true),
            ("committed, overdue", record(COMMITTED), 116, 1_500, false),
            ("missed", record(MISSED), 200, 1_500, false),
            ("clock before the pass", record(PASSED), 200, 999, false),
        ];
        for (name, r, slot, now, want) in cases {
            assert_eq!(r.is_live(slot, now, 1), want, "{name}");
        }
        let mut faulty = record(PASSED);
        faulty.faults = 1;
        assert!(!faulty.is_live(200, 1_500, 1), "fault");
        let mut never = record(REQUESTED);
        never.passes = 0;
        assert!(!never.is_live(100, 1_000, 1), "never passed");
    }
}
