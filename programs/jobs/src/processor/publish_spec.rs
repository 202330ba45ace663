//! `publish_spec(total_len, offset, chunk, bump)`: the buyer of an open job publishes its
//! canonical spec on-chain, in the PDA `["spec", job]` it pays for, in chunks written in order
//! (a spec may be longer than one transaction). The write that completes it must make the bytes
//! hash to the job's spec hash, so a complete spec account is always the job's spec: a worker
//! reads it from the chain and needs no other channel. The rent returns to the buyer with
//! `close_spec`.

use ionet_sdk::error::fail;
use ionet_sdk::hash::sha256;
use ionet_sdk::pda::new_pda_with_bump;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::syscalls::Bytes;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_buyer, overflow};
use super::Context;
use crate::error::JobsError;
use crate::instruction::Args;
use crate::state::{Job, JobSpec, JobState, MAX_SPEC_LEN, SPEC_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [buyer, job, spec, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let total_len = args.u32()?;
    let offset = args.u32()?;
    let chunk = args.string()?;
    let bump = args.u8()?;
    args.finish()?;
    buyer.check_signer()?;
    let spec_hash = {
        // Read only: publishing changes nothing in the job.
        if job.data_is_empty() {
            return Err(fail(JobsError::JobNotFound));
        }
        let state = Job::load(job, program_id)?;
        if state.state() != Some(JobState::Open) {
            return Err(fail(JobsError::WrongJobState));
        }
        check_buyer(buyer, &state)?;
        state.spec_hash
    };
    let end = u32::try_from(chunk.len())
        .ok()
        .and_then(|n| offset.checked_add(n))
        .ok_or_else(overflow)?;
    if total_len == 0 || total_len > MAX_SPEC_LEN || chunk.is_empty() || end > total_len {
        return Err(fail(JobsError::InvalidSpecLength));
    }
    if spec.data_is_empty() {
        if offset != 0 {
            return Err(fail(JobsError::SpecOutOfOrder));
        }
        system_program.check_program(&SYSTEM_PROGRAM_ID)?;
        let seeds: [&[u8]; 2] = [SPEC_SEED, job.key()];
        // No derivation: the runtime checks the address when the spec signs its creation.
        let new_spec = new_pda_with_bump(spec, &seeds, bump)?;
        new_spec.create(buyer, JobSpec::LEN + total_len as usize, program_id)?;
        let mut data = spec.try_borrow_mut_data()?;
        let header = data
            .first_chunk_mut::<{ JobSpec::LEN }>()
            .and_then(|head| {
                head[..8].copy_from_slice(&JobSpec::DISCRIMINATOR);
                JobSpec::view_mut(head)
            })
            .ok_or_else(overflow)?;
        header.job = *job.key();
        header.buyer = *buyer.key();
        header.len = total_len;
        header.bump = new_spec.bump;
    }
    spec.check_owner(program_id)?;
    spec.check_writable()?;
    let mut data = spec.try_borrow_mut_data()?;
    let (head, body) = data
        .split_at_mut_checked(JobSpec::LEN)
        .ok_or_else(|| JobSpec::wrong_type(spec))?;
    let header = JobSpec::view_mut(head).ok_or_else(|| JobSpec::wrong_type(spec))?;
    if header.job != *job.key() {
        return Err(fail(JobsError::WrongVault));
    }
    if header.complete != 0
        || header.len != total_len
        || header.written != offset
        || body.len() != total_len as usize
    {
        return Err(fail(JobsError::SpecOutOfOrder));
    }
    body[offset as usize..end as usize].copy_from_slice(chunk);
    header.written = end;
    if end == total_len {
        if sha256(&[Bytes::new(body)]) != spec_hash {
            return Err(fail(JobsError::SpecHashMismatch));
        }
        header.complete = 1;
    }
    Ok(())
}
