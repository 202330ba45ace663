//! Account layouts, byte for byte as `programs-idl/emission.json` describes them: `#[repr(C)]`,
//! little-endian u64/i64 words and byte arrays, no implicit padding (sizes asserted below).

use ionet_sdk::discriminator;
use ionet_sdk::state::Layout;
use ionet_sdk::Pubkey;

/// Basis points in one whole.
pub const BPS: u64 = 10_000;
/// Epochs whose supplier amounts the state keeps: three days of hours. (Also keeps the state
/// under the 1,000 bytes the Anchor TS account coder can encode.)
pub const SUPPLIER_RING: usize = 72;
/// Longest burn reason, in bytes.
pub const MAX_REASON_LEN: usize = 64;

/// PDA seeds.
pub const STATE_SEED: &[u8] = b"emission";
pub const STAKER_VAULT_SEED: &[u8] = b"staker_vault";
pub const SUPPLIER_VAULT_SEED: &[u8] = b"supplier_vault";
pub const LIVENESS_SEED: &[u8] = b"liveness";
pub const CAPACITY_SEED: &[u8] = b"capacity";

/// Seeded-address tags (`ionet_sdk::seeded::IdSeed`: the tag, then a number as 16 hex digits).
/// A burn record's seed, with its index, under the state PDA.
pub const BURN_TAG: &[u8] = b"burn";
/// A device's liveness account's seed under the device key (the whole seed: one per device).
pub const DEVICE_LIVENESS_TAG: &[u8] = b"liveness";

/// Which capacity program the heartbeat asks (`set_capacity_program`). PDA `["capacity"]`.
/// Absent, or naming the zero key: heartbeats need no capacity proof.
#[repr(C)]
pub struct CapacityLink {
    pub discriminator: [u8; 8],
    pub capacity_program: Pubkey,
    pub bump: u8,
    pub reserved: [u8; 7],
}

/// The schedule, its settings and the supply ledger. PDA `["emission"]`; it is the IO mint
/// authority and owns both vaults.
///
/// Supply check from chain data alone: `mint.supply == LAUNCH_SUPPLY + emitted - burned`, where
/// `burned` counts the treasury's burns (each with a `BurnRecord`) and the burned share of every
/// slash (`burn_slash`, called by the staking program).
///
/// Supplier amounts: `supplier_amounts[e % SUPPLIER_RING]` is what epoch `e` put into the
/// supplier vault and no claim has taken yet, valid for `last_minted_epoch - SUPPLIER_RING < e <=
/// last_minted_epoch`. A ring in this account rather than an account per epoch: 175,319 records
/// would cost their rent for ever, while a liveness program settling supplier rewards needs only
/// recent epochs. What no device can claim any more (an epoch without a heartbeat, an epoch that
/// left the ring unclaimed) is swept to the treasury by `sweep_supplier_pool`, so
/// `supplier_vault = supplier_emitted - pool.paid - supplier_swept` (plus anything sent to it).
#[repr(C)]
pub struct EmissionState {
    pub discriminator: [u8; 8],
    pub authority: Pubkey,
    /// Signs burns; its IO token accounts are the treasury.
    pub treasury_authority: Pubkey,
    pub io_mint: Pubkey,
    pub staking_program: Pubkey,
    pub staking_config: Pubkey,
    /// The staking program's reward vault (read from its config at set-up).
    pub reward_vault: Pubkey,
    /// Token account (PDA `["staker_vault"]`, owned by the state PDA): the staker share is minted
    /// here, then handed to the staking program's `fund_rewards` in the same instruction.
    pub staker_vault: Pubkey,
    /// Token account (PDA `["supplier_vault"]`, owned by the state PDA): the supplier pool.
    pub supplier_vault: Pubkey,
    /// Epoch 1 is the hour starting here (unix seconds).
    pub start_ts: i64,
    pub staker_split_bps: u64,
    /// Base units paid to the crank's caller per crank, out of that crank's supplier share.
    pub crank_tip: u64,
    pub max_epochs_per_crank: u64,
    pub last_minted_epoch: u64,
    /// Base units minted by every crank: the schedule's cumulative emission up to
    /// `last_minted_epoch` (staker + supplier + tips).
    pub emitted: u64,
    pub staker_emitted: u64,
    pub supplier_emitted: u64,
    pub tips_paid: u64,
    /// Base units burned through the burn ledger: treasury burns and slash burns.
    pub burned: u64,
    /// Number of burn records; the next record's index.
    pub burn_count: u64,
    /// Base units `sweep_supplier_pool` moved from the supplier vault to the treasury: epochs'
    /// supplier amounts no device can claim any more.
    pub supplier_swept: u64,
    pub supplier_amounts: [u64; SUPPLIER_RING],
    pub bump: u8,
    pub staker_vault_bump: u8,
    pub supplier_vault_bump: u8,
    /// Whether the capacity link PDA `["capacity"]` exists, so heartbeats need not derive its
    /// address: [`LINK_UNRECORDED`], [`LINK_ABSENT`] or [`LINK_CREATED`].
    pub capacity_link: u8,
    pub reserved: [u8; 4],
}

/// `EmissionState::capacity_link` of a state made before the field: the heartbeat derives the
/// link's address to tell an absent link from a substituted account (`set_capacity_program`
/// records the link as created).
pub const LINK_UNRECORDED: u8 = 0;
/// No capacity link yet (`initialize`): heartbeats need no capacity proof.
pub const LINK_ABSENT: u8 = 1;
/// `set_capacity_program` created the link: heartbeats load it (the one `CapacityLink`).
pub const LINK_CREATED: u8 = 2;

/// One burn, at the seeded address of `"burn" + hex(index)` under the state PDA (which only this
/// program signs for): one address per index.
#[repr(C)]
pub struct BurnRecord {
    pub discriminator: [u8; 8],
    pub index: u64,
    pub amount: u64,
    pub burner: Pubkey,
    /// The token account burned from.
    pub source: Pubkey,
    pub timestamp: i64,
    /// UTF-8, NUL-padded; `reason_len` bytes are meaningful.
    pub reason: [u8; MAX_REASON_LEN],
    pub reason_len: u8,
    pub reserved: [u8; 7],
}

/// The liveness ledger: each epoch's total heartbeat weight not yet claimed, in a ring aligned
/// with `EmissionState::supplier_amounts`. PDA `["liveness"]`, created by `initialize`.
/// A claim takes `amount * weight / total_weight` of what is left of the epoch and removes its
/// weight, so the last claim of an epoch takes exactly what is left: no rounding dust stays.
/// Its own account rather than more state fields: the state would pass the 1,000 bytes the Anchor
/// TS account coder can encode.
///
/// `total_weights[e % SUPPLIER_RING]` is epoch `e`'s total, valid for
/// `last_epoch - SUPPLIER_RING < e <= last_epoch`: a heartbeat for a later epoch first zeroes
/// the slots of the epochs it skips over.
#[repr(C)]
pub struct LivenessPool {
    pub discriminator: [u8; 8],
    /// The latest epoch with a heartbeat (0: none yet).
    pub last_epoch: u64,
    /// Base units paid out by `claim_supplier_reward`, all epochs.
    pub paid: u64,
    pub total_weights: [u64; SUPPLIER_RING],
    pub bump: u8,
    pub reserved: [u8; 7],
}

/// One device's heartbeats of the last epochs and its claims on their supplier amounts, at the
/// seeded address of `"liveness"` under the device key (which signs): one account per device,
/// created once by `open_liveness` and written in place by every heartbeat. Entry
/// `e % SUPPLIER_RING` is epoch `e`'s (the ring of `LivenessPool`): a heartbeat overwrites the
/// entry of the epoch 72 before it, which no claim can take any more. A claim clears the
/// `unclaimed` bits of the entries it pays. Never closed: its rent is the device's, once.
///
/// `epochs` are u32 (the schedule ends at epoch 175,319) and the flags bits, so the account
/// stays under the 1,000 bytes the Anchor TS account coder can encode.
#[repr(C)]
pub struct DeviceLiveness {
    pub discriminator: [u8; 8],
    pub device_key: Pubkey,
    /// The device's owner (fixed at registration): the only key that may claim.
    pub owner: Pubkey,
    /// `weights[e % SUPPLIER_RING]`: `multiplier_bps(class) * gpu_count` at the heartbeat of
    /// epoch `epochs[e % SUPPLIER_RING]`.
    pub weights: [u64; SUPPLIER_RING],
    /// Bit `slot % 64` of word `slot / 64` set: the slot's heartbeat is not claimed yet (a claim
    /// scans these two words, not the 72 slots).
    pub unclaimed: [u64; UNCLAIMED_WORDS],
    /// The epoch of each entry.
    pub epochs: [u32; SUPPLIER_RING],
    /// Bit `slot % 8` of byte `slot / 8` set: the device had a co-staking offer at that entry's
    /// heartbeat, so its reward is shared through the staking program
    /// (`claim_shared_supplier_reward`), not paid to the owner alone.
    pub shared: [u8; SHARED_BYTES],
    pub reserved: [u8; 7],
}

/// Bytes of `DeviceLiveness::shared`: a bit per ring slot.
pub const SHARED_BYTES: usize = 9;
/// Words of `DeviceLiveness::unclaimed`: a bit per ring slot.
pub const UNCLAIMED_WORDS: usize = 2;
const _: () = assert!(SHARED_BYTES * 8 >= SUPPLIER_RING && UNCLAIMED_WORDS * 64 >= SUPPLIER_RING);

impl DeviceLiveness {
    /// Whether `slot`'s entry is shared.
    #[inline(always)]
    pub fn is_shared(&self, slot: usize) -> bool {
        self.shared[slot / 8] & (1 << (slot % 8)) != 0
    }

    /// Whether `slot`'s entry is not claimed yet.
    #[inline(always)]
    pub fn is_unclaimed(&self, slot: usize) -> bool {
        self.unclaimed[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// Marks `slot`'s entry claimed.
    #[inline(always)]
    pub fn clear(&mut self, slot: usize) {
        self.unclaimed[slot / 64] &= !(1 << (slot % 64));
    }

    /// Records the heartbeat of `epoch` (at most `u32::MAX`: the caller checks it against the
    /// schedule's last epoch) with `weight`, in its slot, unclaimed.
    #[inline(always)]
    pub fn record(&mut self, epoch: u64, weight: u64, shared: bool) {
        let slot = ring_slot(epoch);
        self.epochs[slot] = epoch as u32;
        self.weights[slot] = weight;
        self.unclaimed[slot / 64] |= 1 << (slot % 64);
        let bit = 1u8 << (slot % 8);
        if shared {
            self.shared[slot / 8] |= bit;
        } else {
            self.shared[slot / 8] &= !bit;
        }
    }

    /// Whether `epoch`'s heartbeat is recorded and not claimed.
    #[inline(always)]
    pub fn holds(&self, epoch: u64) -> bool {
        let slot = ring_slot(epoch);
        self.is_unclaimed(slot) && u64::from(self.epochs[slot]) == epoch
    }
}

// SAFETY: both are #[repr(C)], start with the discriminator, have only integer and byte-array
// fields without implicit padding (the size assertions below), align 8.
unsafe impl Layout for EmissionState {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("EmissionState");
}
// SAFETY: as above.
unsafe impl Layout for BurnRecord {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("BurnRecord");
}
// SAFETY: as above.
unsafe impl Layout for LivenessPool {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("LivenessPool");
}
// SAFETY: as above.
unsafe impl Layout for CapacityLink {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("CapacityLink");
}
// SAFETY: as above.
unsafe impl Layout for DeviceLiveness {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("DeviceLiveness");
}

const _: () =
    assert!(core::mem::size_of::<EmissionState>() == 8 + 8 * 32 + 12 * 8 + SUPPLIER_RING * 8 + 8);
const _: () =
    assert!(core::mem::size_of::<BurnRecord>() == 8 + 2 * 8 + 2 * 32 + 8 + MAX_REASON_LEN + 8);
const _: () = assert!(core::mem::size_of::<LivenessPool>() == 8 + 2 * 8 + SUPPLIER_RING * 8 + 8);
const _: () = assert!(core::mem::size_of::<CapacityLink>() == 8 + 32 + 8);
const _: () = assert!(
    core::mem::size_of::<DeviceLiveness>()
        == 8 + 2 * 32 + SUPPLIER_RING * (8 + 4) + UNCLAIMED_WORDS * 8 + SHARED_BYTES + 7
);
const _: () = assert!(core::mem::size_of::<DeviceLiveness>() <= 1_000);

/// The ring slot of `epoch`.
#[inline(always)]
pub fn ring_slot(epoch: u64) -> usize {
    (epoch % SUPPLIER_RING as u64) as usize
}

impl EmissionState {
    /// What devices can still claim from the supplier vault: the unclaimed amount of every epoch
    /// in the ring whose unclaimed weight (in `pool`, when it exists) is positive. Everything
    /// else in the vault is unclaimable.
    pub fn claimable(&self, pool: Option<&LivenessPool>) -> Option<u64> {
        let Some(pool) = pool else { return Some(0) };
        let first = self
            .last_minted_epoch
            .saturating_sub(SUPPLIER_RING as u64 - 1)
            .max(1);
        let mut total = 0u64;
        for epoch in first..=self.last_minted_epoch {
            if pool.total_weight(epoch).is_some_and(|w| w > 0) {
                total = total.checked_add(self.supplier_amounts[ring_slot(epoch)])?;
            }
        }
        Some(total)
    }
}

impl LivenessPool {
    /// Makes `epoch`'s slot current: moving to a later epoch zeroes the slots of every epoch after
    /// `last_epoch` up to `epoch` (all of them after a gap of a whole ring). `None` for an epoch
    /// before `last_epoch` (the clock never goes back, so a heartbeat cannot ask for one).
    pub fn advance(&mut self, epoch: u64) -> Option<()> {
        let gap = epoch.checked_sub(self.last_epoch)?;
        if gap >= SUPPLIER_RING as u64 {
            self.total_weights = [0; SUPPLIER_RING];
        } else {
            for skipped in self.last_epoch + 1..=epoch {
                self.total_weights[ring_slot(skipped)] = 0;
            }
        }
        self.last_epoch = epoch;
        Some(())
    }

    /// `epoch`'s total weight while its slot still holds it.
    pub fn total_weight(&self, epoch: u64) -> Option<u64> {
        let age = self.last_epoch.checked_sub(epoch)?;
        (age < SUPPLIER_RING as u64).then(|| self.total_weights[ring_slot(epoch)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> LivenessPool {
        LivenessPool {
            discriminator: [0; 8],
            last_epoch: 0,
            paid: 0,
            total_weights: [0; SUPPLIER_RING],
            bump: 0,
            reserved: [0; 7],
        }
    }

    #[test]
    fn claimable_counts_only_ring_epochs_with_weight_left() {
        // SAFETY: every bit pattern is a valid EmissionState (Layout contract); zero is one.
        let mut state: EmissionState = unsafe { core::mem::zeroed() };
        assert_eq!(state.claimable(None), Some(0), "nothing minted");
        state.last_minted_epoch = 100;
        for epoch in 29..=100 {
            state.supplier_amounts[ring_slot(epoch)] = epoch;
        }
        let mut p = pool();
        p.advance(100).unwrap();
        for epoch in [29, 50, 100] {
            p.total_weights[ring_slot(epoch)] = 7;
        }
        assert_eq!(state.claimable(None), Some(0), "no pool: no heartbeat ever");
        assert_eq!(state.claimable(Some(&p)), Some(29 + 50 + 100));
        // A heartbeat in epoch 101 drops epoch 29's weight from the pool: no claim can take it.
        p.advance(101).unwrap();
        assert_eq!(state.claimable(Some(&p)), Some(50 + 100));
        // The crank mints 101: the window moves past 29 as well.
        state.last_minted_epoch = 101;
        state.supplier_amounts[ring_slot(101)] = 1_000;
        assert_eq!(
            state.claimable(Some(&p)),
            Some(50 + 100),
            "101 has no weight"
        );
    }

    #[test]
    fn advance_zeroes_skipped_epochs_only() {
        let mut p = pool();
        for epoch in 1..=SUPPLIER_RING as u64 {
            p.advance(epoch).unwrap();
            p.total_weights[ring_slot(epoch)] = epoch * 10;
        }
        // Epochs 1..=72 held; moving to 75 drops 1, 2 and 3 (slots reused by 73, 74, 75).
        p.advance(75).unwrap();
        assert_eq!(p.total_weight(3), None, "outside the ring");
        assert_eq!(p.total_weight(4), Some(40));
        assert_eq!(p.total_weight(72), Some(720));
        assert_eq!(p.total_weight(73), Some(0));
        assert_eq!(p.total_weight(75), Some(0));
        assert_eq!(p.total_weight(76), None, "not reached yet");
        assert_eq!(p.advance(74), None, "backwards");
        p.advance(75).unwrap();
        assert_eq!(p.total_weight(4), Some(40), "same epoch keeps the ring");
        p.advance(75 + SUPPLIER_RING as u64).unwrap();
        assert!(
            p.total_weights.iter().all(|w| *w == 0),
            "a whole ring skipped"
        );
    }

    #[test]
    fn liveness_entries_by_slot() {
        // SAFETY: every bit pattern is a valid DeviceLiveness (Layout contract); zero is one.
        let mut l: DeviceLiveness = unsafe { core::mem::zeroed() };
        assert!(
            !l.holds(0),
            "a fresh account holds nothing, epoch 0 included"
        );
        l.record(80, 7, true);
        l.record(81, 9, false);
        assert!(l.holds(80) && l.holds(81));
        assert!(
            !l.holds(80 - SUPPLIER_RING as u64),
            "the slot's older epoch"
        );
        assert!(
            !l.holds(80 + SUPPLIER_RING as u64),
            "the slot's later epoch"
        );
        assert!(l.is_shared(ring_slot(80)) && !l.is_shared(ring_slot(81)));
        // 80 + 72 reuses slot 8: its entry and flag are replaced.
        l.record(80 + SUPPLIER_RING as u64, 5, false);
        assert!(!l.holds(80) && l.holds(80 + SUPPLIER_RING as u64));
        assert!(!l.is_shared(ring_slot(80)));
        assert_eq!(l.weights[ring_slot(80)], 5);
        l.clear(ring_slot(81));
        assert!(!l.holds(81), "a claimed entry");
        assert!(
            l.holds(80 + SUPPLIER_RING as u64),
            "only its own bit cleared"
        );
        l.record(71, 1, false); // slot 71: the second word
        assert!(l.holds(71) && l.unclaimed[1] == 1 << 7);
    }
}
