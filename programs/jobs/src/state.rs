//! Account layouts, byte for byte as `programs-idl/jobs.json` describes them. Integers are
//! little-endian u64/i64, then u8 fields and explicit reserved bytes, so `#[repr(C)]` adds no
//! padding.

use ionet_sdk::discriminator;
use ionet_sdk::state::Layout;
use ionet_sdk::Pubkey;

/// PDA seeds.
pub const CONFIG_SEED: &[u8] = b"config";
pub const TREASURY_SEED: &[u8] = b"treasury";
pub const JOB_SEED: &[u8] = b"job";
pub const ESCROW_SEED: &[u8] = b"escrow";
pub const SPEC_SEED: &[u8] = b"spec";
pub const CHECKERS_SEED: &[u8] = b"checkers";
pub const CHECKER_VAULT_SEED: &[u8] = b"checker_vault";

/// The seeds of records at seeded addresses (`ionet_sdk::seeded`): a Checker's under its owner
/// (who signs its creation), an Audit's under its job (the job PDA, which the program signs for).
pub const CHECKER_TAG: &[u8] = b"checker";
pub const AUDIT_TAG: &[u8] = b"audit";

/// Where a job is in its life. Settled, cancelled, expired and resolved jobs are closed (their
/// accounts no longer exist), so there is no terminal state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum JobState {
    /// Escrowed, waiting for a device.
    Open = 0,
    /// A device claimed it; the clock runs until its attestation.
    Claimed = 1,
    /// Attested; the challenge window runs until `window_end_ts`.
    Attested = 2,
    /// Challenged during the window; the arbiter decides by `resolve_by_ts`, after which anyone
    /// applies the default outcome.
    Challenged = 3,
    /// Under audit: checkers re-run it and their majority decides (`settle_audited` or
    /// `convict_audited`).
    Audited = 4,
}

/// The program's settings. PDA `["config"]`; it owns the treasuries and signs slashes as the
/// staking program's configured slasher.
#[repr(C)]
pub struct JobsConfig {
    pub discriminator: [u8; 8],
    /// May change the parameters (handed to governance after set-up).
    pub authority: Pubkey,
    /// Resolves challenges.
    pub arbiter: Pubkey,
    pub io_mint: Pubkey,
    pub usdc_mint: Pubkey,
    /// Fee vaults: PDA `["treasury", mint]` token accounts owned by the config PDA.
    pub io_treasury: Pubkey,
    pub usdc_treasury: Pubkey,
    pub staking_program: Pubkey,
    /// Checkers' stakes and rewards: IO token account PDA `["checker_vault"]` owned by the config.
    pub checker_vault: Pubkey,
    /// Charged on what the worker is paid, in either currency.
    pub reservation_fee_bps: u64,
    /// Charged on top for USDC payments.
    pub usdc_fee_bps: u64,
    pub challenge_window_seconds: i64,
    pub expiry_grace_seconds: i64,
    /// IO slashed from a device that lets a claimed job expire.
    pub expiry_penalty: u64,
    /// IO slashed from a device whose attestation the arbiter finds fraudulent.
    pub fraud_penalty: u64,
    /// Smallest challenge bond, as a share of the job's escrow.
    pub min_bond_bps: u64,
    /// Active stake a challenger other than the buyer must hold.
    pub min_checker_stake: u64,
    pub next_job_id: u64,
    /// Share of attested jobs drawn for audit, in basis points.
    pub audit_rate_bps: u64,
    /// Share of an audited job's fee paid to the checkers whose verdict matched the outcome.
    pub audit_fee_bps: u64,
    /// How long a checker has for its verdict.
    pub verdict_seconds: i64,
    /// IO a checker loses for missing its verdict deadline.
    pub checker_miss_penalty: u64,
    /// IO a checker loses for a verdict in the minority (a mismatch no other verdict shares, or a
    /// match against a proven fraud).
    pub checker_minority_penalty: u64,
    pub bump: u8,
    pub io_treasury_bump: u8,
    pub usdc_treasury_bump: u8,
    pub checker_vault_bump: u8,
    pub registry_bump: u8,
    pub reserved: [u8; 3],
}

/// One job. PDA `["job", id as u64 LE]`; its escrow is the token account PDA
/// `["escrow", job]` owned by the job PDA. Payments and refunds go to any token account the
/// worker, buyer or challenger owns in the job's mint, not to one recorded account: closing an
/// account cannot block a settlement (anyone can recreate an associated token account).
#[repr(C)]
pub struct Job {
    pub discriminator: [u8; 8],
    pub id: u64,
    pub buyer: Pubkey,
    pub mint: Pubkey,
    pub escrow: Pubkey,
    /// SHA-256 of the canonical job spec.
    pub spec_hash: [u8; 32],
    /// The claiming device's key (signs the attestation); zero until claimed.
    pub device_key: Pubkey,
    /// The claiming device's staking account (staking's `Device` of `device_key`).
    pub device: Pubkey,
    /// The device's owner: payment goes to a token account it owns in the job's mint.
    pub worker: Pubkey,
    pub challenger: Pubkey,
    pub result_hash: [u8; 32],
    pub metrics_digest: [u8; 32],
    pub price_per_hour: u64,
    pub max_duration_seconds: u64,
    /// Tokens the buyer put in: the most the worker can be paid plus the most fees.
    pub escrowed: u64,
    /// Fee rate fixed at creation (reservation, plus the USDC payment fee for USDC jobs).
    pub fee_bps: u64,
    pub bond: u64,
    pub gpu_count: u64,
    pub created_ts: i64,
    pub claimed_ts: i64,
    pub started_ts: i64,
    pub ended_ts: i64,
    pub window_end_ts: i64,
    /// Device stake reserved at the claim for this job's worst-case penalty (the larger of the
    /// expiry and fraud penalties then): released when the job ends, and the most a slash for
    /// this job takes.
    pub stake_reserved: u64,
    /// A challenged job's resolution deadline: the arbiter resolves until then, after it anyone
    /// applies the default outcome (`lapse_challenge`). Zero before a challenge.
    pub resolve_by_ts: i64,
    /// The slot of the attestation: the draw reads the next slot's hash.
    pub attested_slot: u64,
    /// Index into the staking program's GPU class table.
    pub gpu_class: u8,
    pub state: u8,
    pub bump: u8,
    pub escrow_bump: u8,
    /// 1 when the device attested a failed run (`attest_failure`): the buyer was refunded at
    /// once, and settling pays the worker nothing.
    pub failed: u8,
    /// 0 not drawn, 1 drawn and not selected, 2 under audit, 3 no eligible checker (settles as
    /// today). See `AUDIT_*`.
    pub audit: u8,
    /// 1: the spec opts out of re-execution (never drawn; challenges go to the arbiter).
    pub audit_exempt: u8,
    pub reserved: [u8; 1],
}

/// `Job.audit` values.
pub const AUDIT_NOT_DRAWN: u8 = 0;
pub const AUDIT_NOT_SELECTED: u8 = 1;
pub const AUDIT_UNDER_AUDIT: u8 = 2;
pub const AUDIT_NO_CHECKER: u8 = 3;

/// A job's published spec: PDA `["spec", job]`, this header then `len` bytes of the canonical
/// spec, written in order by the buyer (`publish_spec`) and complete once they hash to the job's
/// spec hash. Its rent returns to the buyer when it is closed (`close_spec`: by anyone once the
/// job has closed, by the buyer at any time).
#[repr(C)]
pub struct JobSpec {
    pub discriminator: [u8; 8],
    pub job: Pubkey,
    /// Paid the rent and receives it back.
    pub buyer: Pubkey,
    /// Length of the spec bytes after the header.
    pub len: u32,
    /// Bytes written so far.
    pub written: u32,
    /// 1 once all `len` bytes are written and hash to the job's spec hash.
    pub complete: u8,
    pub bump: u8,
    pub reserved: [u8; 6],
}

// SAFETY: #[repr(C)], discriminator first, integer and byte-array fields without padding
// (size asserted below), alignment 8 at most.
unsafe impl Layout for JobSpec {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("JobSpec");
}

const _: () = assert!(core::mem::size_of::<JobSpec>() == 8 + 2 * 32 + 2 * 4 + 8);

/// Longest published spec.
pub const MAX_SPEC_LEN: u32 = 10_000;

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields without implicit padding (checked by the size assertions below), alignment 8.
unsafe impl Layout for JobsConfig {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("JobsConfig");
}
// SAFETY: as above.
unsafe impl Layout for Job {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Job");
}

const _: () = assert!(core::mem::size_of::<JobsConfig>() == 8 + 8 * 32 + 14 * 8 + 8);
const _: () = assert!(core::mem::size_of::<Job>() == 8 + 8 + 10 * 32 + 14 * 8 + 8);

impl Job {
    pub fn state(&self) -> Option<JobState> {
        Some(match self.state {
            0 => JobState::Open,
            1 => JobState::Claimed,
            2 => JobState::Attested,
            3 => JobState::Challenged,
            4 => JobState::Audited,
            _ => return None,
        })
    }

    /// When the device must have attested: claim time plus the maximum duration.
    pub fn deadline(&self) -> Option<i64> {
        let duration = i64::try_from(self.max_duration_seconds).ok()?;
        self.claimed_ts.checked_add(duration)
    }

    /// The last second an attestation is accepted: the deadline plus `grace`. From the next
    /// second on, the job can only expire.
    pub fn attest_by(&self, grace: i64) -> Option<i64> {
        self.deadline()?.checked_add(grace)
    }
}
