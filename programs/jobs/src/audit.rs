//! Audit arithmetic, free of accounts so the Go client can mirror it and the host tests run it:
//! the draw (seed and selection), the stake-weighted pick of a checker, the registry's entries,
//! and the tally of verdicts.
//!
//! - seed: `sha256("ionet-audit" || slot hash || job address)`, the slot being the one after the
//!   attestation (or after a challenge): its hash did not exist when the worker attested;
//! - selected iff `u64_le(seed[0..8]) % 10000 < audit_rate_bps`;
//! - pick `n`: `x = u64_le(sha256(seed || n LE)[0..8]) % total` over the eligible entries' stakes
//!   (registry order; the total saturates at u64::MAX), the entry whose cumulative stake first
//!   exceeds `x`;
//! - sealed result: the worker attests `result_hash = sha256(digest)` and keeps the digest
//!   off-chain; a verdict reveals the checker's digest, a match iff its SHA-256 is the job's
//!   `result_hash` (a checker that did not re-run cannot copy the answer from the chain);
//! - commit-reveal: a checker first commits `sha256(digest || its owner)` (`submit_verdict`),
//!   and reveals the digest (`reveal_verdict`) only once every slot the audit needs has
//!   committed: nobody copies a digest (nor a commitment, bound to its owner) it did not compute.
//!   A sampled checker whose digest does not open the job's result escalates unrevealed
//!   (`escalate_audit`): all three then reveal together. A slot that commits after another's
//!   reveal (a mismatch revealed in a sampled audit, a refilled slot) is not independent of it
//!   (`Audit::seen`): the two never count as agreeing;
//! - decision (`Audit::decision`): honest when 2+ independent verdicts match, fraud when 2+
//!   independent mismatches carry the same digest, else honest with no conviction once all three (or, none left, all filled)
//!   slots voted; the minority (a mismatch no other verdict shares, a match against a fraud)
//!   is penalised when some verdict was upheld;
//! - a slot's deadline: `now + verdict_seconds + run`, `run` the attested run time
//!   (`ended_ts - started_ts`) capped by the job's maximum duration.

use ionet_sdk::hash::sha256;
use ionet_sdk::syscalls::Bytes;
use ionet_sdk::Pubkey;

use crate::audit_state::{
    Audit, CheckerEntry, CheckerRegistry, AUDIT_SLOTS, MAX_CHECKERS, MAX_EXCLUDED,
    VERDICT_COMMITTED, VERDICT_MATCH, VERDICT_MISMATCH, VERDICT_PENDING,
};
use crate::money::BPS;

pub const SEED_DOMAIN: &[u8] = b"ionet-audit";

/// The draw's seed for the job at `job` from the seed slot's hash.
pub fn seed(slot_hash: &[u8; 32], job: &Pubkey) -> [u8; 32] {
    sha256(&[
        Bytes::new(SEED_DOMAIN),
        Bytes::new(slot_hash),
        Bytes::new(job),
    ])
}

fn word(bytes: &[u8; 32]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(w)
}

/// Whether a job with `seed` is audited at `rate_bps`.
pub fn selected(seed: &[u8; 32], rate_bps: u64) -> bool {
    word(seed) % BPS < rate_bps
}

/// The random word of pick number `draws`.
pub fn pick_word(seed: &[u8; 32], draws: u64) -> u64 {
    word(&sha256(&[
        Bytes::new(seed),
        Bytes::new(&draws.to_le_bytes()),
    ]))
}

/// Whether `digest` (a verdict's result digest) opens the job's sealed `result_hash`.
pub fn opens(digest: &[u8; 32], result_hash: &[u8; 32]) -> bool {
    sha256(&[Bytes::new(digest)]) == *result_hash
}

/// The commitment a checker owned by `owner` submits for `digest`: `sha256(digest || owner)`.
pub fn commitment(digest: &[u8; 32], owner: &Pubkey) -> [u8; 32] {
    sha256(&[Bytes::new(digest), Bytes::new(owner)])
}

/// A slot's verdict deadline assigned at `now`: `now + verdict_seconds` plus the attested run
/// time (`ended_ts - started_ts`, at most `max_duration_seconds`), so that a long job's checker
/// has the time to re-run it. None on overflow.
pub fn verdict_deadline(
    now: i64,
    verdict_seconds: i64,
    started_ts: i64,
    ended_ts: i64,
    max_duration_seconds: u64,
) -> Option<i64> {
    // started <= ended was checked at attestation; a negative run counts as none.
    let run = ended_ts.checked_sub(started_ts)?.max(0);
    let cap = i64::try_from(max_duration_seconds).unwrap_or(i64::MAX);
    now.checked_add(verdict_seconds)?.checked_add(run.min(cap))
}

const ZERO: Pubkey = [0; 32];

impl Audit {
    /// The slot `owner` fills, if any.
    pub fn slot_of(&self, owner: &Pubkey) -> Option<usize> {
        self.checkers.iter().position(|c| c == owner)
    }

    /// Whether `owner` may not be picked: on the audit, or excluded from it.
    pub fn excludes(&self, owner: &Pubkey) -> bool {
        self.slot_of(owner).is_some()
            || self.excluded[..(self.excluded_count as usize).min(MAX_EXCLUDED)].contains(owner)
    }

    /// Adds `owner` to the excluded owners; false when the list is full.
    pub fn exclude(&mut self, owner: &Pubkey) -> bool {
        let n = self.excluded_count as usize;
        if n >= MAX_EXCLUDED {
            return false;
        }
        self.excluded[n] = *owner;
        self.excluded_count += 1;
        true
    }

    /// The first empty slot below `needed`.
    pub fn empty_slot(&self) -> Option<usize> {
        (0..(self.needed as usize).min(AUDIT_SLOTS)).find(|&i| self.checkers[i] == ZERO)
    }

    /// Filled slots, in order.
    pub fn filled(&self) -> impl Iterator<Item = usize> + '_ {
        (0..AUDIT_SLOTS).filter(|&i| self.checkers[i] != ZERO)
    }

    /// Whether slot `i` has revealed its verdict.
    pub fn revealed(&self, i: usize) -> bool {
        matches!(self.verdicts[i], VERDICT_MATCH | VERDICT_MISMATCH)
    }

    /// Whether every slot the audit needs has committed (or revealed): reveals may start. An
    /// empty slot counts only once no eligible checker is left (`exhausted`).
    pub fn all_committed(&self) -> bool {
        (0..(self.needed as usize).min(AUDIT_SLOTS)).all(|i| {
            if self.checkers[i] == ZERO {
                self.exhausted != 0
            } else {
                self.verdicts[i] != VERDICT_PENDING
            }
        })
    }

    /// Opens the reveals at `now` when every needed slot has committed: each committed,
    /// unrevealed slot must reveal by `now + verdict_seconds`. None on overflow.
    pub fn open_reveals(&mut self, now: i64, verdict_seconds: i64) -> Option<()> {
        if !self.all_committed() {
            return Some(());
        }
        let deadline = now.checked_add(verdict_seconds)?;
        for i in 0..AUDIT_SLOTS {
            if self.checkers[i] != ZERO && self.verdicts[i] == VERDICT_COMMITTED {
                self.deadlines[i] = deadline;
            }
        }
        Some(())
    }

    /// The slots whose digests are public now (revealed), as a bit mask.
    pub fn revealed_mask(&self) -> u8 {
        (0..AUDIT_SLOTS)
            .filter(|&i| self.revealed(i))
            .fold(0, |m, i| m | 1 << i)
    }

    /// Whether slots i and j committed before either revealed (neither can be a copy).
    pub fn independent(&self, i: usize, j: usize) -> bool {
        self.seen[i] & (1 << j) == 0 && self.seen[j] & (1 << i) == 0
    }

    /// Whether two independent slots both revealed a match.
    fn independent_matches(&self) -> bool {
        let m = |i: usize| self.verdicts[i] == VERDICT_MATCH;
        (0..AUDIT_SLOTS)
            .any(|i| m(i) && (i + 1..AUDIT_SLOTS).any(|j| m(j) && self.independent(i, j)))
    }

    /// A slot whose verdict the decision waits for: committed while no digest was public
    /// (an independent verdict) and not yet revealed.
    pub fn awaited(&self) -> Option<usize> {
        self.filled()
            .find(|&i| self.verdicts[i] == VERDICT_COMMITTED && self.seen[i] == 0)
    }

    /// (matches, mismatches) among the verdicts in.
    pub fn tally(&self) -> (u8, u8) {
        let count = |v| self.verdicts.iter().filter(|&&x| x == v).count() as u8;
        (count(VERDICT_MATCH), count(VERDICT_MISMATCH))
    }

    /// The digest that two or more mismatch verdicts carry, if any. An honest re-run is
    /// deterministic: two honest checkers of a faked job submit the same digest, while
    /// independent lazy answers (random bytes) never agree.
    pub fn agreed_mismatch(&self) -> Option<[u8; 32]> {
        let mismatch = |i: usize| self.verdicts[i] == VERDICT_MISMATCH;
        (0..AUDIT_SLOTS).filter(|&i| mismatch(i)).find_map(|i| {
            (i + 1..AUDIT_SLOTS)
                .any(|j| {
                    mismatch(j) && self.results[j] == self.results[i] && self.independent(i, j)
                })
                .then_some(self.results[i])
        })
    }

    /// What the verdicts decide:
    /// - a sampled (1-checker) audit: honest once its checker matches (a mismatch raises it to 3);
    /// - a 3-checker audit, once no independent sealed verdict is still unrevealed: honest when
    ///   two or more independent verdicts match; fraud when two or more mismatches
    ///   carry the same digest; honest (no conviction) once every filled slot has voted and
    ///   neither holds (all three slots filled, or no eligible checker left): e.g. one match and
    ///   two mismatches on different digests, or three different digests. A fraud is proven
    ///   only by two re-runs that agree, never by one checker alone (it would profit from the
    ///   slash) nor by two that disagree (at most one of them re-ran).
    pub fn decision(&self) -> Decision {
        let (matches, _) = self.tally();
        if self.needed == 1 {
            // A mismatch raises `needed` to 3, so a 1-checker audit can only confirm.
            return if matches >= 1 {
                Decision::Honest
            } else {
                Decision::Open
            };
        }
        // A sealed verdict committed before any reveal still counts: deciding without it would
        // let a checker that committed a made-up digest escape the minority penalty by never
        // revealing. It reveals, or is replaced (miss penalty) after its deadline.
        if self.awaited().is_some() {
            return Decision::Open;
        }
        if self.independent_matches() {
            return Decision::Honest;
        }
        if self.agreed_mismatch().is_some() {
            return Decision::Fraud;
        }
        let voted = self.filled().all(|i| self.revealed(i));
        let full = self.filled().count() == AUDIT_SLOTS;
        if voted && (full || self.exhausted != 0) {
            return Decision::Honest;
        }
        Decision::Open
    }

    /// The slots whose verdict the decision upholds: the matches when honest, the mismatches
    /// carrying the agreed digest when fraud; none while open. Every other verdict given is in
    /// the minority (a mismatch no other verdict shares, a match against a proven fraud) and is
    /// penalised when some slot was upheld; none is when no verdict was (an honest decision
    /// with no match: nobody is shown wrong, and nobody earns).
    pub fn upheld(&self) -> [bool; AUDIT_SLOTS] {
        let mut upheld = [false; AUDIT_SLOTS];
        let agreed = match self.decision() {
            Decision::Open => return upheld,
            Decision::Honest => None,
            Decision::Fraud => self.agreed_mismatch(),
        };
        for (i, up) in upheld.iter_mut().enumerate() {
            *up = self.checkers[i] != ZERO
                && match agreed {
                    None => self.verdicts[i] == VERDICT_MATCH,
                    Some(d) => self.verdicts[i] == VERDICT_MISMATCH && self.results[i] == d,
                };
        }
        upheld
    }
}

/// What an audit's verdicts say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Open,
    Honest,
    Fraud,
}

/// The registry is full and a newcomer does not outstake its smallest entry.
#[derive(Debug, PartialEq, Eq)]
pub struct RegistryFull;

impl CheckerRegistry {
    /// The live entries.
    pub fn live(&self) -> &[CheckerEntry] {
        &self.entries[..(self.count as usize).min(MAX_CHECKERS)]
    }

    /// `owner`'s entry, registered or gone.
    pub fn position(&self, owner: &Pubkey) -> Option<usize> {
        self.live().iter().position(|e| &e.owner == owner)
    }

    /// `owner`'s entry while it is registered (not gone).
    pub fn active(&self, owner: &Pubkey) -> Option<usize> {
        self.position(owner)
            .filter(|&at| self.entries[at].until_slot == 0)
    }

    /// Removes `owner`'s entry, keeping the order of the others; false when absent.
    pub fn remove(&mut self, owner: &Pubkey) -> bool {
        let Some(at) = self.position(owner) else {
            return false;
        };
        let n = self.live().len();
        self.entries.copy_within(at + 1..n, at);
        self.entries[n - 1] = CheckerEntry {
            owner: ZERO,
            stake: 0,
            since_slot: 0,
            until_slot: 0,
            classes: 0,
            reserved: [0; 7],
        };
        self.count -= 1;
        true
    }

    /// Marks `owner`'s registered entry gone from `slot` on (it is no longer picked for audits
    /// seeded later); false when it is not registered.
    pub fn retire(&mut self, owner: &Pubkey, slot: u64) -> bool {
        let Some(at) = self.active(owner) else {
            return false;
        };
        // Slot 0 is the genesis slot: no entry leaves there, and 0 means registered.
        self.entries[at].until_slot = slot.max(1);
        true
    }

    /// Adds `entry` (its owner absent). A full registry first drops a gone entry (the first),
    /// else evicts its smallest registered entry (the first of equal ones) when `entry` has more
    /// stake: `Ok(Some(dropped owner))`; else `RegistryFull`.
    pub fn insert(&mut self, entry: CheckerEntry) -> Result<Option<Pubkey>, RegistryFull> {
        let n = self.live().len();
        if n < MAX_CHECKERS {
            self.entries[n] = entry;
            self.count += 1;
            return Ok(None);
        }
        let gone = self.live().iter().find(|e| e.until_slot != 0);
        let dropped = match gone {
            Some(e) => *e,
            None => {
                let smallest = *self
                    .live()
                    .iter()
                    .enumerate()
                    .min_by_key(|(i, e)| (e.stake, *i))
                    .ok_or(RegistryFull)?
                    .1;
                if entry.stake <= smallest.stake {
                    return Err(RegistryFull);
                }
                smallest
            }
        };
        self.remove(&dropped.owner);
        self.entries[MAX_CHECKERS - 1] = entry;
        self.count += 1;
        Ok(Some(dropped.owner))
    }

    /// Records `owner`'s new stake; below `min` (or zero) its entry is gone from `slot` on.
    /// True when it went.
    pub fn restake(&mut self, owner: &Pubkey, stake: u64, min: u64, slot: u64) -> bool {
        if let Some(at) = self.active(owner) {
            self.entries[at].stake = stake;
        }
        if stake == 0 || stake < min {
            return self.retire(owner, slot);
        }
        false
    }

    /// The entry pick number `audit.draws` chooses for a job of GPU class `class` run by
    /// `worker`: weighted by stake among the entries of that class registered before the
    /// audit's seed slot and not gone before it, that are not the worker and not excluded by
    /// the audit. The entry may have gone since (the caller skips it). None when no entry is
    /// eligible.
    pub fn pick(&self, audit: &Audit, class: u8, worker: &Pubkey) -> Option<CheckerEntry> {
        let seed_slot = audit.seed_slot;
        let eligible = |e: &&CheckerEntry| {
            class < 8
                && e.classes & (1u8 << class) != 0
                && &e.owner != worker
                && e.stake > 0
                && e.since_slot < seed_slot
                && (e.until_slot == 0 || e.until_slot >= seed_slot)
                && !audit.excludes(&e.owner)
        };
        // Stakes are IO base units: their sum stays far below u64::MAX (saturating regardless).
        let total = self
            .live()
            .iter()
            .filter(eligible)
            .fold(0u64, |sum, e| sum.saturating_add(e.stake));
        if total == 0 {
            return None;
        }
        let mut x = pick_word(&audit.seed, audit.draws) % total;
        for e in self.live().iter().filter(eligible) {
            if x < e.stake {
                return Some(*e);
            }
            x -= e.stake;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::MaybeUninit;

    fn key(i: u8) -> Pubkey {
        [i; 32]
    }

    fn entry(i: u8, stake: u64, classes: u8) -> CheckerEntry {
        CheckerEntry {
            owner: key(i),
            stake,
            since_slot: 10,
            until_slot: 0,
            classes,
            reserved: [0; 7],
        }
    }

    fn zeroed<T>() -> Box<T> {
        // SAFETY: both layouts are plain integers and byte arrays: all zeroes is valid.
        Box::new(unsafe { MaybeUninit::<T>::zeroed().assume_init() })
    }

    fn registry(entries: &[CheckerEntry]) -> Box<CheckerRegistry> {
        let mut r = zeroed::<CheckerRegistry>();
        for e in entries {
            r.insert(*e).unwrap();
        }
        r
    }

    /// The same vector as client/jobs/audit_math_test.go: the Go client computes picks alike.
    #[test]
    fn vector_shared_with_the_go_client() {
        let s = seed(&[1; 32], &[2; 32]);
        assert_eq!(word(&s), 5_329_851_165_888_926_403);
        assert!(selected(&s, 6404) && !selected(&s, 6403));
        assert_eq!(pick_word(&s, 7), 16_301_992_919_915_974_714);
    }

    #[test]
    fn sealed_result_opens_only_with_its_digest() {
        let digest = [7u8; 32];
        let sealed = sha256(&[Bytes::new(&digest)]);
        assert!(opens(&digest, &sealed));
        assert!(
            !opens(&sealed, &sealed),
            "copying the attested hash is not a match"
        );
        assert!(!opens(&[8; 32], &sealed));
    }

    #[test]
    fn verdict_deadline_adds_the_run_time() {
        // A short job: verdict_seconds plus its run.
        assert_eq!(verdict_deadline(1_000, 3_600, 100, 160, 3_600), Some(4_660));
        // A 4-hour job gets 4 more hours.
        assert_eq!(
            verdict_deadline(1_000, 3_600, 0, 14_400, 86_400),
            Some(19_000)
        );
        // The run counts at most the job's maximum duration.
        assert_eq!(verdict_deadline(1_000, 3_600, 0, 14_400, 600), Some(5_200));
        assert_eq!(verdict_deadline(1_000, 3_600, 50, 10, 600), Some(4_600));
        assert_eq!(verdict_deadline(i64::MAX - 10, 3_600, 0, 1, 600), None);
        assert_eq!(verdict_deadline(0, 1, i64::MIN, i64::MAX, u64::MAX), None);
    }

    #[test]
    fn selection_follows_the_rate() {
        let mut hits = 0;
        for i in 0..2000u32 {
            let s = seed(&[i as u8; 32], &key((i >> 8) as u8));
            assert!(selected(&s, BPS));
            assert!(!selected(&s, 0));
            hits += selected(&s, 1000) as u32;
        }
        assert!((120..=280).contains(&hits), "{hits} of 2000 at 10%");
    }

    #[test]
    fn picks_by_stake_among_the_eligible() {
        let r = registry(&[
            entry(1, 100, 0b01),
            entry(2, 300, 0b11),
            entry(3, 600, 0b10),
            entry(4, 1000, 0b01),
        ]);
        let mut audit = zeroed::<Audit>();
        audit.seed = [9; 32];
        audit.seed_slot = 11;
        let owner = |r: &CheckerRegistry, a: &Audit, class, worker| {
            r.pick(a, class, &worker).map(|e| e.owner)
        };
        let mut counts = [0u32; 5];
        for draws in 0..4000 {
            audit.draws = draws;
            // Class 0, worker 4: owners 1 (100) and 2 (300).
            counts[owner(&r, &audit, 0, key(4)).unwrap()[0] as usize] += 1;
        }
        assert_eq!(counts[3] + counts[4], 0);
        assert!((800..=1200).contains(&counts[1]), "{counts:?}");
        audit.checkers[0] = key(2);
        assert_eq!(owner(&r, &audit, 0, key(4)), Some(key(1)));
        audit.seed_slot = 10;
        assert_eq!(
            owner(&r, &audit, 0, key(4)),
            None,
            "registered at the seed slot"
        );
        audit.seed_slot = 11;
        audit.excluded[0] = key(1);
        audit.excluded_count = 1;
        assert_eq!(owner(&r, &audit, 0, key(4)), None);
        assert_eq!(owner(&r, &audit, 8, key(9)), None, "class out of range");
    }

    #[test]
    fn a_full_registry_drops_a_gone_entry_or_its_smallest() {
        let mut r = zeroed::<CheckerRegistry>();
        for i in 0..MAX_CHECKERS as u8 {
            r.insert(entry(i + 1, 1000 + i as u64, 1)).unwrap();
        }
        assert_eq!(r.insert(entry(200, 1000, 1)), Err(RegistryFull));
        assert_eq!(r.insert(entry(201, 1001, 1)), Ok(Some(key(1))));
        assert_eq!(r.count as usize, MAX_CHECKERS);
        assert_eq!(r.position(&key(201)), Some(MAX_CHECKERS - 1));
        // Dropped below the minimum: gone from slot 20 on, the entry kept until it withdraws.
        assert!(r.restake(&key(2), 5, 10, 20));
        assert_eq!(r.active(&key(2)), None);
        assert_eq!(r.position(&key(2)), Some(0));
        assert_eq!(r.live()[0].until_slot, 20);
        assert!(!r.retire(&key(2), 21), "already gone");
        assert!(!r.restake(&key(3), 50, 10, 20));
        assert_eq!(r.live()[1].stake, 50);
        // A full registry drops a gone entry before evicting a registered one.
        assert_eq!(r.insert(entry(202, 1, 1)), Ok(Some(key(2))));
        assert_eq!(r.live()[0].owner, key(3), "order kept");
        // A pick landing on an entry gone after the seed slot returns it (the caller skips).
        let mut a = zeroed::<Audit>();
        a.seed_slot = 15;
        let one = registry(&[entry(7, 100, 1)]);
        let mut gone = *one;
        gone.retire(&key(7), 16);
        assert_eq!(gone.pick(&a, 0, &key(9)).map(|e| e.until_slot), Some(16));
        gone.entries[0].until_slot = 14;
        assert!(
            gone.pick(&a, 0, &key(9)).is_none(),
            "gone before the seed slot"
        );
    }

    #[test]
    fn decisions() {
        let mut a = zeroed::<Audit>();
        a.needed = 1;
        a.checkers[0] = key(1);
        assert_eq!(a.decision(), Decision::Open);
        a.verdicts[0] = VERDICT_MATCH;
        assert_eq!(a.decision(), Decision::Honest);
        assert_eq!(a.upheld(), [true, false, false]);
        a.needed = 3;
        a.verdicts[0] = VERDICT_MISMATCH;
        a.results[0] = [5; 32];
        a.checkers[1] = key(2);
        a.verdicts[1] = VERDICT_MISMATCH;
        a.results[1] = [5; 32];
        assert_eq!(a.decision(), Decision::Fraud, "two mismatches agree");
        assert_eq!(a.upheld(), [true, true, false]);
        a.results[1] = [6; 32];
        assert_eq!(a.decision(), Decision::Open, "two mismatches disagree");
        a.checkers[2] = key(3);
        a.verdicts[2] = VERDICT_MISMATCH;
        a.results[2] = [6; 32];
        assert_eq!(a.decision(), Decision::Fraud, "slots 1 and 2 agree");
        assert_eq!(
            a.upheld(),
            [false, true, true],
            "the lone digest is the minority"
        );
        a.verdicts[2] = VERDICT_MATCH;
        assert_eq!(
            a.decision(),
            Decision::Honest,
            "one match, two lone mismatches"
        );
        assert_eq!(a.upheld(), [false, false, true]);
        a.verdicts[2] = VERDICT_MISMATCH;
        a.results[2] = [7; 32];
        assert_eq!(a.decision(), Decision::Honest, "three different digests");
        assert_eq!(a.upheld(), [false; 3], "nobody shown wrong");
        a.verdicts[2] = VERDICT_PENDING;
        assert_eq!(a.decision(), Decision::Open, "a verdict still pending");
        a.checkers[2] = ZERO;
        a.verdicts[1] = VERDICT_MATCH;
        assert_eq!(a.decision(), Decision::Open);
        a.exhausted = 1;
        assert_eq!(
            a.decision(),
            Decision::Honest,
            "1 to 1 with no checker left"
        );
        assert_eq!(a.upheld(), [false, true, false]);
        a.verdicts[1] = VERDICT_PENDING;
        assert_eq!(a.decision(), Decision::Open, "a verdict still pending");
        a.checkers[1] = ZERO;
        assert_eq!(
            a.decision(),
            Decision::Honest,
            "1 mismatch alone proves nothing"
        );
        assert_eq!(a.upheld(), [false; 3]);
    }

    #[test]
    fn an_independent_commitment_is_awaited() {
        let mut a = zeroed::<Audit>();
        a.needed = 3;
        for i in 0..AUDIT_SLOTS {
            a.checkers[i] = key(i as u8 + 1);
            a.verdicts[i] = VERDICT_COMMITTED;
        }
        a.verdicts[0] = VERDICT_MATCH;
        a.verdicts[1] = VERDICT_MATCH;
        assert_eq!(a.awaited(), Some(2));
        assert_eq!(
            a.decision(),
            Decision::Open,
            "slot 2 committed blind: it reveals or is replaced first"
        );
        a.verdicts[2] = VERDICT_MISMATCH;
        assert_eq!(a.decision(), Decision::Honest);
        assert_eq!(
            a.upheld(),
            [true, true, false],
            "the late mismatch is the minority"
        );
        // A refill that committed after digests were public is not waited for.
        a.verdicts[2] = VERDICT_COMMITTED;
        a.seen[2] = 0b11;
        assert_eq!(a.awaited(), None);
        assert_eq!(a.decision(), Decision::Honest);
    }

    #[test]
    fn commit_reveal() {
        let digest = [5u8; 32];
        assert_ne!(
            commitment(&digest, &key(1)),
            commitment(&digest, &key(2)),
            "a commitment is bound to its owner: a copy cannot be opened by the copier"
        );
        let mut a = zeroed::<Audit>();
        a.needed = 1;
        a.checkers[0] = key(1);
        a.deadlines[0] = 100;
        assert!(!a.all_committed());
        a.verdicts[0] = VERDICT_COMMITTED;
        assert!(a.all_committed(), "a sampled audit reveals at once");
        a.open_reveals(50, 10).unwrap();
        assert_eq!(a.deadlines[0], 60);
        assert_eq!(a.decision(), Decision::Open, "a commitment decides nothing");
        // A mismatch revealed raises it to 3: the new slots commit after that reveal.
        a.verdicts[0] = VERDICT_MISMATCH;
        a.results[0] = digest;
        a.needed = 3;
        a.checkers[1] = key(2);
        a.checkers[2] = key(3);
        a.verdicts[1] = VERDICT_COMMITTED;
        a.seen[1] = a.revealed_mask();
        assert_eq!(a.seen[1], 1);
        assert!(!a.all_committed(), "slot 2 has not committed");
        a.deadlines[1] = 70;
        a.open_reveals(60, 10).unwrap();
        assert_eq!(a.deadlines[1], 70, "reveals not open yet");
        a.verdicts[2] = VERDICT_COMMITTED;
        a.seen[2] = a.revealed_mask();
        assert!(a.all_committed());
        a.open_reveals(80, 10).unwrap();
        assert_eq!(
            a.deadlines,
            [60, 90, 90],
            "the committed slots reveal by now + verdict_seconds"
        );
        // Slot 1 copies slot 0's public mismatch: no conviction from a copy.
        a.verdicts[1] = VERDICT_MISMATCH;
        a.results[1] = digest;
        assert!(!a.independent(0, 1));
        assert_eq!(a.decision(), Decision::Open);
        a.verdicts[2] = VERDICT_MATCH;
        assert_eq!(
            a.decision(),
            Decision::Honest,
            "all revealed, no independent agreement"
        );
        a.verdicts[2] = VERDICT_MISMATCH;
        a.results[2] = digest;
        assert!(a.independent(1, 2));
        assert_eq!(
            a.decision(),
            Decision::Fraud,
            "slots 1 and 2 agree independently"
        );
        // An exhausted audit opens the reveals without the empty slot.
        a.verdicts[2] = VERDICT_PENDING;
        a.checkers[2] = ZERO;
        assert!(!a.all_committed());
        a.exhausted = 1;
        assert!(a.all_committed());
    }
}
