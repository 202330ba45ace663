//! Instruction discriminators and argument decoding (Borsh, as the IDL declares the args).

pub use ionet_sdk::args::Args;
use ionet_sdk::discriminator::instruction;
use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, Pubkey};

use crate::error::JobsError;
use crate::money::{BPS, MAX_DURATION_SECONDS};
use crate::state::JobsConfig;

/// An instruction discriminator as a little-endian u64, so dispatch compares one word.
const fn tag(name: &str) -> u64 {
    u64::from_le_bytes(instruction(name))
}

pub const INITIALIZE: u64 = tag("initialize");
pub const UPDATE_PARAMS: u64 = tag("update_params");
pub const CHECK_PARAMS: u64 = tag("check_params");
pub const CREATE_JOB: u64 = tag("create_job");
pub const CANCEL_JOB: u64 = tag("cancel_job");
pub const CLAIM_JOB: u64 = tag("claim_job");
pub const SUBMIT_ATTESTATION: u64 = tag("submit_attestation");
pub const ATTEST_FAILURE: u64 = tag("attest_failure");
pub const PUBLISH_SPEC: u64 = tag("publish_spec");
pub const CLOSE_SPEC: u64 = tag("close_spec");
pub const EXTEND_JOB: u64 = tag("extend_job");
pub const SETTLE_JOB: u64 = tag("settle_job");
pub const EXPIRE_JOB: u64 = tag("expire_job");
pub const CHALLENGE_JOB: u64 = tag("challenge_job");
pub const RESOLVE_CHALLENGE: u64 = tag("resolve_challenge");
pub const LAPSE_CHALLENGE: u64 = tag("lapse_challenge");
pub const REGISTER_CHECKER: u64 = tag("register_checker");
pub const LEAVE_CHECKERS: u64 = tag("leave_checkers");
pub const WITHDRAW_CHECKER: u64 = tag("withdraw_checker");
pub const CLAIM_CHECKER_REWARDS: u64 = tag("claim_checker_rewards");
pub const DRAW_AUDIT: u64 = tag("draw_audit");
pub const ASSIGN_CHECKER: u64 = tag("assign_checker");
pub const SUBMIT_VERDICT: u64 = tag("submit_verdict");
pub const REVEAL_VERDICT: u64 = tag("reveal_verdict");
pub const ESCALATE_AUDIT: u64 = tag("escalate_audit");
pub const REPLACE_CHECKER: u64 = tag("replace_checker");
pub const SETTLE_AUDITED: u64 = tag("settle_audited");
pub const CONVICT_AUDITED: u64 = tag("convict_audited");

/// Most GPUs a job may ask for (the staking program's per-device limit, `MAX_GPUS_PER_DEVICE`).
pub const MAX_GPUS: u64 = 1024;
/// Longest challenge window and expiry grace: 30 days.
pub const MAX_WINDOW_SECONDS: i64 = 30 * 24 * 3600;
/// How long the arbiter has to resolve a challenge: 7 days from the challenge. After it anyone
/// applies the default outcome (`lapse_challenge`), so no challenge holds an escrow for ever.
pub const RESOLUTION_WINDOW_SECONDS: i64 = 7 * 24 * 3600;
/// Longest verdict deadline: 7 days.
pub const MAX_VERDICT_SECONDS: i64 = 7 * 24 * 3600;

/// The settable parameters (`initialize`, `update_params`), IDL type `Params`.
pub struct Params {
    pub authority: Pubkey,
    pub arbiter: Pubkey,
    pub reservation_fee_bps: u64,
    pub usdc_fee_bps: u64,
    pub challenge_window_seconds: i64,
    pub expiry_grace_seconds: i64,
    pub expiry_penalty: u64,
    pub fraud_penalty: u64,
    pub min_bond_bps: u64,
    pub min_checker_stake: u64,
    pub audit_rate_bps: u64,
    pub audit_fee_bps: u64,
    pub verdict_seconds: i64,
    pub checker_miss_penalty: u64,
    pub checker_minority_penalty: u64,
}

impl Params {
    pub fn parse(data: &[u8]) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let params = Params {
            authority: *args.pubkey()?,
            arbiter: *args.pubkey()?,
            reservation_fee_bps: args.u64()?,
            usdc_fee_bps: args.u64()?,
            challenge_window_seconds: args.i64()?,
            expiry_grace_seconds: args.i64()?,
            expiry_penalty: args.u64()?,
            fraud_penalty: args.u64()?,
            min_bond_bps: args.u64()?,
            min_checker_stake: args.u64()?,
            audit_rate_bps: args.u64()?,
            audit_fee_bps: args.u64()?,
            verdict_seconds: args.i64()?,
            checker_miss_penalty: args.u64()?,
            checker_minority_penalty: args.u64()?,
        };
        args.finish()?;
        let window = 0..=MAX_WINDOW_SECONDS;
        let valid = params
            .reservation_fee_bps
            .checked_add(params.usdc_fee_bps)
            .is_some_and(|total| total <= BPS)
            && window.contains(&params.challenge_window_seconds)
            && window.contains(&params.expiry_grace_seconds)
            && params.min_bond_bps <= BPS
            && params.audit_rate_bps <= BPS
            && params.audit_fee_bps <= BPS
            && (1..=MAX_VERDICT_SECONDS).contains(&params.verdict_seconds);
        if !valid {
            return Err(fail(JobsError::InvalidParams));
        }
        Ok(params)
    }

    pub fn apply(&self, config: &mut JobsConfig) {
        config.authority = self.authority;
        config.arbiter = self.arbiter;
        config.reservation_fee_bps = self.reservation_fee_bps;
        config.usdc_fee_bps = self.usdc_fee_bps;
        config.challenge_window_seconds = self.challenge_window_seconds;
        config.expiry_grace_seconds = self.expiry_grace_seconds;
        config.expiry_penalty = self.expiry_penalty;
        config.fraud_penalty = self.fraud_penalty;
        config.min_bond_bps = self.min_bond_bps;
        config.min_checker_stake = self.min_checker_stake;
        config.audit_rate_bps = self.audit_rate_bps;
        config.audit_fee_bps = self.audit_fee_bps;
        config.verdict_seconds = self.verdict_seconds;
        config.checker_miss_penalty = self.checker_miss_penalty;
        config.checker_minority_penalty = self.checker_minority_penalty;
    }
}

/// `create_job` arguments, IDL type `JobTerms` after the job id.
pub struct JobTerms {
    pub job_id: u64,
    pub spec_hash: [u8; 32],
    pub gpu_class: u8,
    pub gpu_count: u64,
    pub price_per_hour: u64,
    pub max_duration_seconds: u64,
    /// 1: the spec opts out of re-execution (never audited; challenges go to the arbiter).
    pub audit_exempt: u8,
    /// The job and escrow PDAs' bumps: the runtime checks them when each signs its creation.
    pub job_bump: u8,
    pub escrow_bump: u8,
}

impl JobTerms {
    pub fn parse(data: &[u8]) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let terms = JobTerms {
            job_id: args.u64()?,
            spec_hash: *args.bytes::<32>()?,
            gpu_class: args.u8()?,
            gpu_count: args.u64()?,
            price_per_hour: args.u64()?,
            max_duration_seconds: args.u64()?,
            audit_exempt: args.u8()?,
            job_bump: args.u8()?,
            escrow_bump: args.u8()?,
        };
        args.finish()?;
        let valid = (1..=MAX_GPUS).contains(&terms.gpu_count)
            && (terms.gpu_class as usize) < staking_state::MAX_GPU_CLASSES
            && terms.price_per_hour > 0
            && (1..=MAX_DURATION_SECONDS).contains(&terms.max_duration_seconds)
            && terms.audit_exempt <= 1;
        if !valid {
            return Err(fail(JobsError::InvalidJobArgs));
        }
        Ok(terms)
    }
}
