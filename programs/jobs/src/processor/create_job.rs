//! `create_job(terms)`: the buyer escrows the most the job can cost (price x maximum duration
//! plus the most fees) in IO or USDC. Creates the job PDA `["job", id]` and its escrow token
//! account (PDA `["escrow", job]`, owned by the job PDA); the id is the config's next id. The
//! client passes both bumps (any off-curve one; its SDK finds the canonical).

use ionet_sdk::error::fail;
use ionet_sdk::pda::{new_pda_with_bump, Funding};
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Rent;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_token_program, now, overflow};
use super::Context;
use crate::error::JobsError;
use crate::events;
use crate::instruction::JobTerms;
use crate::money;
use crate::state::{Job, JobState, JobsConfig, ESCROW_SEED, JOB_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [buyer, config, job, escrow, mint, buyer_token, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let terms = JobTerms::parse(data)?;
    buyer.check_signer()?;
    buyer.check_writable()?;
    check_token_program(token_program)?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let mut cfg = JobsConfig::load_mut(config, program_id)?;
    if terms.job_id != cfg.next_job_id {
        return Err(fail(JobsError::JobIdMismatch));
    }
    let fee_bps = if mint.key() == &cfg.io_mint {
        cfg.reservation_fee_bps
    } else if mint.key() == &cfg.usdc_mint {
        cfg.reservation_fee_bps
            .checked_add(cfg.usdc_fee_bps)
            .ok_or_else(overflow)?
    } else {
        return Err(fail(JobsError::WrongMint));
    };
    check_token_account_mint_owner::<JobsError>(buyer_token, mint.key(), buyer.key())?;
    let quote = money::quote(terms.price_per_hour, terms.max_duration_seconds, fee_bps)
        .ok_or_else(overflow)?;
    let id = terms.job_id.to_le_bytes();
    let job_seeds: [&[u8]; 2] = [JOB_SEED, &id];
    // No derivation here: the runtime checks both addresses when they sign their creation. The
    // id is the counter's, so the job is unique whatever its bump, and only this instruction
    // creates an escrow, once per job.
    let new_job = new_pda_with_bump(job, &job_seeds, terms.job_bump)?;
    let escrow_seeds: [&[u8]; 2] = [ESCROW_SEED, job.key()];
    let new_escrow = new_pda_with_bump(escrow, &escrow_seeds, terms.escrow_bump)?;
    cfg.next_job_id = cfg.next_job_id.checked_add(1).ok_or_else(overflow)?;
    let created_ts = now()?;
    drop(cfg);

    // One Rent read for both accounts. The job is written first (its borrow dropped before the
    // escrow's CPIs, which do not take it): its fields are known, the escrow's address and bump
    // included.
    let funding = Funding {
        payer: buyer,
        rent: Rent::get()?,
    };
    {
        let mut state = new_job.init_with::<Job>(&funding, program_id)?;
        state.id = terms.job_id;
        state.buyer = *buyer.key();
        state.mint = *mint.key();
        state.escrow = *escrow.key();
        state.spec_hash = terms.spec_hash;
        state.price_per_hour = terms.price_per_hour;
        state.max_duration_seconds = terms.max_duration_seconds;
        state.escrowed = quote.escrow;
        state.fee_bps = fee_bps;
        state.gpu_class = terms.gpu_class;
        state.gpu_count = terms.gpu_count;
        state.created_ts = created_ts;
        state.state = JobState::Open as u8;
        state.bump = new_job.bump;
        state.escrow_bump = new_escrow.bump;
        state.audit_exempt = terms.audit_exempt;
    }
    new_escrow.create_token_account_with(&funding, mint, job.key())?;
    Transfer {
        source: buyer_token,
        destination: escrow,
        authority: buyer,
        amount: quote.escrow,
    }
    .invoke()?;
    events::job_created(terms.job_id, buyer.key(), mint.key(), quote.escrow);
    Ok(())
}
