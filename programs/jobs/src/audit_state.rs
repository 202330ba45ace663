//! Audit accounts, byte for byte as `programs-idl/jobs.json` describes them: checkers (`Checker`),
//! their registry (`CheckerRegistry`) and a job's audit (`Audit`).

use ionet_sdk::discriminator;
use ionet_sdk::state::Layout;
use ionet_sdk::Pubkey;

/// Checkers the registry holds.
pub const MAX_CHECKERS: usize = 64;
/// Checker slots of an audit (two mismatches on the same digest of three prove a fraud).
pub const AUDIT_SLOTS: usize = 3;
/// Owners an audit remembers never to pick again (missed deadlines, co-stakers).
pub const MAX_EXCLUDED: usize = 8;

/// `Audit.verdicts` values.
pub const VERDICT_PENDING: u8 = 0;
pub const VERDICT_MATCH: u8 = 1;
pub const VERDICT_MISMATCH: u8 = 2;
/// Committed (`submit_verdict`), not yet revealed (`reveal_verdict`).
pub const VERDICT_COMMITTED: u8 = 3;

/// `Audit.reason` values.
pub const REASON_SAMPLED: u8 = 0;
pub const REASON_BUYER: u8 = 1;
pub const REASON_CHECKER: u8 = 2;

/// A registered checker, at the seeded address of `"checker"` under its owner (one per owner:
/// only the owner's signature creates it).
#[repr(C)]
pub struct Checker {
    pub discriminator: [u8; 8],
    pub owner: Pubkey,
    /// Signs verdicts (the ionet-checker daemon's key).
    pub verdict_key: Pubkey,
    /// IO held in the checker vault, at risk for penalties.
    pub stake: u64,
    /// IO earned, withdrawable.
    pub rewards: u64,
    /// 0 while registered; after `leave_checkers`, when `withdraw_checker` may run.
    pub unlock_ts: i64,
    /// Audits naming this checker that have not closed.
    pub open_audits: u64,
    /// Bit i: can re-run GPU class i.
    pub classes: u8,
    pub reserved: [u8; 7],
}

/// One registry entry.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CheckerEntry {
    pub owner: Pubkey,
    pub stake: u64,
    /// The slot it registered: eligible only for audits seeded by a later slot, so nobody
    /// registers (with a stake chosen to land the pick on it) once a seed is known.
    pub since_slot: u64,
    /// 0 while registered; the slot it left or was dropped (below the minimum stake). The entry
    /// stays until the checker withdraws, so the picks of audits seeded before stay as they were
    /// (a pick landing on it is skipped): leaving cannot steer a pick.
    pub until_slot: u64,
    pub classes: u8,
    pub reserved: [u8; 7],
}

/// The checkers, PDA `["checkers"]`: the first `count` entries are live (registered, or left
/// and not yet withdrawn).
#[repr(C)]
pub struct CheckerRegistry {
    pub discriminator: [u8; 8],
    pub count: u64,
    pub entries: [CheckerEntry; MAX_CHECKERS],
    pub bump: u8,
    pub reserved: [u8; 7],
}

/// A job's audit, at the seeded address of `"audit"` under the job (one per job: only the
/// program, signing for the job PDA, creates it).
#[repr(C)]
pub struct Audit {
    pub discriminator: [u8; 8],
    pub job: Pubkey,
    /// The job's device (staking account).
    pub device: Pubkey,
    /// The device's owner (never picked).
    pub worker: Pubkey,
    /// Paid the rent; receives it back when the audit closes.
    pub payer: Pubkey,
    /// `sha256("ionet-audit" || slot hash || job)`: picks the checkers.
    pub seed: [u8; 32],
    /// Checker owners per slot; zero = empty.
    pub checkers: [Pubkey; AUDIT_SLOTS],
    /// Each slot's submitted result digest.
    pub results: [[u8; 32]; AUDIT_SLOTS],
    /// Owners never picked again for this audit.
    pub excluded: [Pubkey; MAX_EXCLUDED],
    /// Each slot's verdict commitment `sha256(digest || checker owner)`; zero = none.
    pub commitments: [[u8; 32]; AUDIT_SLOTS],
    /// Picks made so far (each pick hashes the seed with it).
    pub draws: u64,
    /// The slot whose hash seeds the picks.
    pub seed_slot: u64,
    /// Each slot's deadline: to commit while it has not, then (once every needed slot has
    /// committed) to reveal.
    pub deadlines: [i64; AUDIT_SLOTS],
    /// Checkers needed: 1 (sampled) or 3 (after a mismatch, or a challenge).
    pub needed: u8,
    pub reason: u8,
    pub verdicts: [u8; AUDIT_SLOTS],
    pub excluded_count: u8,
    /// 1 when no eligible checker was left for a 3-checker audit: the verdicts in decide.
    pub exhausted: u8,
    /// 1 once `seed` is set.
    pub seeded: u8,
    /// Unused (was the PDA bump), zero.
    pub spare: u8,
    /// Per slot, bit j set: slot j's digest was already revealed when this slot committed
    /// (the two verdicts are not independent: one could be a copy).
    pub seen: [u8; AUDIT_SLOTS],
    pub reserved: [u8; 4],
}

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields (and `CheckerEntry`s, themselves 64 bytes without padding) without implicit padding
// (the size assertions below), alignment 8.
unsafe impl Layout for Checker {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Checker");
}
// SAFETY: as above.
unsafe impl Layout for CheckerRegistry {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("CheckerRegistry");
}
// SAFETY: as above.
unsafe impl Layout for Audit {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Audit");
}

const _: () = assert!(core::mem::size_of::<Checker>() == 8 + 2 * 32 + 4 * 8 + 8);
const _: () = assert!(core::mem::size_of::<CheckerEntry>() == 64);
const _: () = assert!(core::mem::size_of::<CheckerRegistry>() == 8 + 8 + MAX_CHECKERS * 64 + 8);
const _: () = assert!(
    core::mem::size_of::<Audit>()
        == 8 + 5 * 32 + 3 * 32 + 3 * 32 + 8 * 32 + 3 * 32 + 2 * 8 + 3 * 8 + 16
);
