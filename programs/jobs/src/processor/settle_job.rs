//! `settle_job`: after the challenge window anyone may settle an attested job: the worker is
//! paid `price x elapsed` (per second, capped at the maximum duration), the fee on that payment
//! goes to the mint's treasury, everything else returns to the buyer, and the rent of the job
//! and escrow accounts returns to the buyer. The device's stake reserve for the job is released.

use ionet_sdk::account::{Ref, RefMut};
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult};

use super::payout::Escrow;
use super::shared::{check_buyer, check_token_program, load_job, now, overflow};
use super::slash::Reserve;
use super::Context;
use crate::error::JobsError;
use crate::events::{JobClosed, Outcome};
use crate::money;
use crate::state::{Job, JobState, JobsConfig};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, job, escrow, payee, treasury, buyer_token, buyer, token_program, staking_program, staking_config, device, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    ionet_sdk::args::no_args(data)?;
    let cfg = JobsConfig::load(config, program_id)?;
    let state = load_job(job, program_id, JobState::Attested)?;
    if now()? < state.window_end_ts {
        return Err(fail(JobsError::WindowOpen));
    }
    let settle = Settle::new(job, escrow, payee, treasury, buyer_token, buyer);
    settle.check(&cfg, &state)?;
    check_token_program(token_program)?;
    let stake = Reserve::new(
        staking_program,
        config,
        staking_config,
        device,
        accounts.get(11),
    );
    settle.settle_ran(&stake, cfg, state, Bond::None, Outcome::Settled)
}

/// How a job that ran ended, for the device's reliability record: failed when the device
/// attested a failed run, completed otherwise.
pub fn run_outcome(job: &Job) -> u8 {
    if job.failed != 0 {
        staking_state::OUTCOME_FAILED
    } else {
        staking_state::OUTCOME_COMPLETED
    }
}

/// Where a challenge bond goes when a challenged job settles.
pub enum Bond<'a> {
    /// No challenge.
    None,
    /// The challenge was rejected: the bond goes to the worker.
    ToWorker(u64),
    /// The challenge lapsed: the bond returns to the challenger's token account.
    Back(&'a AccountInfo, u64),
}

/// The accounts a settlement pays.
pub struct Settle<'a> {
    pub job: &'a AccountInfo,
    pub escrow: &'a AccountInfo,
    pub payee: &'a AccountInfo,
    pub treasury: &'a AccountInfo,
    pub buyer_token: &'a AccountInfo,
    pub buyer: &'a AccountInfo,
}

/// What a settlement pays, read from the job before its borrow is dropped.
pub struct Payment {
    pub id: u64,
    pub bump: u8,
    pub split: money::Settlement,
}

impl<'a> Settle<'a> {
    /// The accounts, in the order every settling instruction takes them.
    pub fn new(
        job: &'a AccountInfo,
        escrow: &'a AccountInfo,
        payee: &'a AccountInfo,
        treasury: &'a AccountInfo,
        buyer_token: &'a AccountInfo,
        buyer: &'a AccountInfo,
    ) -> Self {
        Settle {
            job,
            escrow,
            payee,
            treasury,
            buyer_token,
            buyer,
        }
    }

    /// Settles a job that ran: checks `stake` is the job's device reserve, pays the settlement
    /// (`bond` as given, reported as `outcome`), then releases the reserve, counting the run's
    /// outcome in the device's record.
    #[inline(always)]
    pub fn settle_ran(
        &self,
        stake: &Reserve,
        cfg: Ref<JobsConfig>,
        state: RefMut<Job>,
        bond: Bond,
        outcome: Outcome,
    ) -> ProgramResult {
        stake.check(&cfg.staking_program, &state.device)?;
        let payment = self.payment(&state)?;
        let (reserved, config_bump, run) = (state.stake_reserved, cfg.bump, run_outcome(&state));
        drop((cfg, state));
        self.pay(payment, bond, outcome)?;
        stake.release(reserved, run, config_bump)
    }

    /// The escrow and treasury are the recorded ones; payment and refund go to token accounts
    /// of the worker and the buyer in the job's mint.
    pub fn check(&self, cfg: &JobsConfig, job: &Job) -> ProgramResult {
        let treasury = if job.mint == cfg.io_mint {
            &cfg.io_treasury
        } else {
            &cfg.usdc_treasury
        };
        self.escrow
            .check_recorded(&job.escrow, JobsError::WrongVault)?;
        self.treasury
            .check_recorded(treasury, JobsError::WrongVault)?;
        check_token_account_mint_owner::<JobsError>(self.payee, &job.mint, &job.worker)?;
        check_token_account_mint_owner::<JobsError>(self.buyer_token, &job.mint, &job.buyer)?;
        check_buyer(self.buyer, job)
    }

    /// `challenger_token` is a token account of the job's mint owned by its challenger. After
    /// [`Settle::check`]: when it is the buyer's refund account and the buyer challenged, `check`
    /// made this very check of it already.
    pub fn check_challenger_token(
        &self,
        challenger_token: &AccountInfo,
        job: &Job,
    ) -> ProgramResult {
        if challenger_token.is(self.buyer_token) && job.challenger == job.buyer {
            return Ok(());
        }
        check_token_account_mint_owner::<JobsError>(challenger_token, &job.mint, &job.challenger)
    }

    pub fn payment(&self, job: &Job) -> Result<Payment, ProgramError> {
        // started <= ended was checked at attestation. A failed run is paid nothing (its
        // escrow went back to the buyer when the failure was attested).
        let elapsed = if job.failed != 0 {
            0
        } else {
            job.ended_ts
                .checked_sub(job.started_ts)
                .ok_or_else(overflow)? as u64
        };
        let split = money::settle(
            job.escrowed,
            job.price_per_hour,
            job.max_duration_seconds,
            job.fee_bps,
            elapsed,
        )
        .ok_or_else(overflow)?;
        Ok(Payment {
            id: job.id,
            bump: job.bump,
            split,
        })
    }

    /// Pays the worker and the fee, and the bond where `bond` says, refunds the rest and closes
    /// the job.
    pub fn pay(&self, payment: Payment, bond: Bond, outcome: Outcome) -> ProgramResult {
        let money::Settlement { paid, fee, .. } = payment.split;
        let (to_worker, bond_back, bond) = match bond {
            Bond::None => (paid, None, 0),
            Bond::ToWorker(bond) => (paid.checked_add(bond).ok_or_else(overflow)?, None, bond),
            Bond::Back(to, bond) => (paid, Some((to, bond)), bond),
        };
        let escrow = Escrow {
            job: self.job,
            escrow: self.escrow,
            buyer: self.buyer,
            refund_to: self.buyer_token,
            id: payment.id,
            bump: payment.bump,
        };
        let refunded = match bond_back {
            None => escrow.release(&[(self.payee, to_worker), (self.treasury, fee)])?,
            Some(back) => escrow.release(&[(self.payee, to_worker), (self.treasury, fee), back])?,
        };
        JobClosed {
            job_id: payment.id,
            outcome,
            paid,
            fee,
            refunded,
            bond,
            slashed: 0,
        }
        .emit();
        Ok(())
    }
}
