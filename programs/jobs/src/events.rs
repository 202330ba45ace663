//! Anchor events (`Program data:` logs): `sha256("event:<Name>")[..8]` then the Borsh fields the
//! IDL's `events` and `types` declare. Each is assembled in a small stack buffer of exactly its
//! size (the SDK's `event::emit` zeroes a 1 KiB buffer, thousands of compute units).

use ionet_sdk::discriminator::event;
use ionet_sdk::log::log_data;
use ionet_sdk::syscalls::Bytes;
use ionet_sdk::Pubkey;

/// How a job ended (`JobClosed.outcome`).
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum Outcome {
    Settled = 0,
    Cancelled = 1,
    Expired = 2,
    Fraud = 3,
    ChallengeRejected = 4,
    /// The arbiter did not resolve by the deadline: settled as unchallenged, bond returned.
    ChallengeLapsed = 5,
    /// Checkers confirmed the attestation (`settle_audited`); fraud proven by checkers is `Fraud`.
    Audited = 6,
}

/// Joins `parts` after `discriminator` into one `N`-byte line and logs it. `N` is the exact
/// event size; every call below passes parts that add up to it.
fn emit<const N: usize>(discriminator: [u8; 8], parts: &[&[u8]]) {
    let mut line = [0u8; N];
    line[..8].copy_from_slice(&discriminator);
    let mut at = 8;
    for part in parts {
        line[at..at + part.len()].copy_from_slice(part);
        at += part.len();
    }
    log_data(&[Bytes::new(&line[..at])]);
}

pub fn job_created(job_id: u64, buyer: &Pubkey, mint: &Pubkey, escrowed: u64) {
    emit::<88>(
        const { event("JobCreated") },
        &[&job_id.to_le_bytes(), buyer, mint, &escrowed.to_le_bytes()],
    );
}

pub fn job_claimed(job_id: u64, device_key: &Pubkey) {
    emit::<48>(
        const { event("JobClaimed") },
        &[&job_id.to_le_bytes(), device_key],
    );
}

pub fn job_attested(job_id: u64, result_hash: &[u8; 32], started_ts: i64, ended_ts: i64) {
    emit::<64>(
        const { event("JobAttested") },
        &[
            &job_id.to_le_bytes(),
            result_hash,
            &started_ts.to_le_bytes(),
            &ended_ts.to_le_bytes(),
        ],
    );
}

/// A device attested a failed run: the buyer was refunded `refunded` at once.
pub fn job_failed(job_id: u64, device_key: &Pubkey, refunded: u64, started_ts: i64, ended_ts: i64) {
    emit::<72>(
        const { event("JobFailed") },
        &[
            &job_id.to_le_bytes(),
            device_key,
            &refunded.to_le_bytes(),
            &started_ts.to_le_bytes(),
            &ended_ts.to_le_bytes(),
        ],
    );
}

/// The buyer extended a job: its new maximum duration and escrow, and the tokens added.
pub fn job_extended(job_id: u64, max_duration_seconds: u64, escrowed: u64, added: u64) {
    emit::<40>(
        const { event("JobExtended") },
        &[
            &job_id.to_le_bytes(),
            &max_duration_seconds.to_le_bytes(),
            &escrowed.to_le_bytes(),
            &added.to_le_bytes(),
        ],
    );
}

pub fn job_challenged(job_id: u64, challenger: &Pubkey, bond: u64) {
    emit::<56>(
        const { event("JobChallenged") },
        &[&job_id.to_le_bytes(), challenger, &bond.to_le_bytes()],
    );
}

/// A job closed: what the escrow paid out (`paid` to the worker, `fee` to the treasury,
/// `refunded` to the buyer), where the bond went, and what was slashed from the device.
pub struct JobClosed {
    pub job_id: u64,
    pub outcome: Outcome,
    pub paid: u64,
    pub fee: u64,
    pub refunded: u64,
    pub bond: u64,
    pub slashed: u64,
}

impl JobClosed {
    pub fn emit(&self) {
        emit::<57>(
            const { event("JobClosed") },
            &[
                &self.job_id.to_le_bytes(),
                &[self.outcome as u8],
                &self.paid.to_le_bytes(),
                &self.fee.to_le_bytes(),
                &self.refunded.to_le_bytes(),
                &self.bond.to_le_bytes(),
                &self.slashed.to_le_bytes(),
            ],
        );
    }
}

/// A job's audit draw: selected or not.
pub fn audit_drawn(job_id: u64, selected: bool) {
    emit::<17>(
        const { event("AuditDrawn") },
        &[&job_id.to_le_bytes(), &[selected as u8]],
    );
}

pub fn checker_assigned(job_id: u64, checker: &Pubkey, slot: u8, deadline: i64) {
    emit::<57>(
        const { event("CheckerAssigned") },
        &[
            &job_id.to_le_bytes(),
            checker,
            &[slot],
            &deadline.to_le_bytes(),
        ],
    );
}

/// A picked checker co-stakes the device: skipped, never picked again for this audit.
pub fn checker_skipped(job_id: u64, checker: &Pubkey) {
    emit::<48>(
        const { event("CheckerSkipped") },
        &[&job_id.to_le_bytes(), checker],
    );
}

pub fn verdict_submitted(job_id: u64, checker: &Pubkey, slot: u8, matched: bool) {
    emit::<50>(
        const { event("VerdictSubmitted") },
        &[&job_id.to_le_bytes(), checker, &[slot], &[matched as u8]],
    );
}

/// Why a checker lost stake (`CheckerPenalized.reason`).
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum Penalty {
    Missed = 0,
    Minority = 1,
}

pub fn checker_penalized(job_id: u64, checker: &Pubkey, amount: u64, reason: Penalty) {
    emit::<57>(
        const { event("CheckerPenalized") },
        &[
            &job_id.to_le_bytes(),
            checker,
            &amount.to_le_bytes(),
            &[reason as u8],
        ],
    );
}
