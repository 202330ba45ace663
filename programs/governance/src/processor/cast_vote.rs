//! `cast_vote(choice)`: a staker votes yes, no or abstain with the stake of their position that
//! was active when the proposal was created (`StakePosition::vote_weight`: stake added since
//! does not vote). The vote record at the seeded address of `"vote" + hex(proposal id)` under
//! the voter (`ionet_sdk::seeded`; a voter has one position) makes it once per position: one
//! address per voter and proposal, which only the voter's signature creates. The position is
//! locked in staking until voting ends, so the same tokens cannot be
//! unstaked, moved and staked again to vote twice.

use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::{new_seeded, IdSeed};
use ionet_sdk::state::Layout;
use ionet_sdk::{log, ProgramError, ProgramResult};
use staking_state::cpi::LockPosition;

use super::shared::{as_governance, now, overflow};
use super::Context;
use crate::error::GovernanceError;
use crate::staking_view;
use crate::state::{Governance, Proposal, VoteRecord, ABSTAIN, NO, VOTE_TAG, VOTING, YES};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [voter, governance, proposal, position, vote_record, staking_config, staking_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let choice = match data {
        [choice @ (YES | NO | ABSTAIN)] => *choice,
        [_] => return Err(fail(GovernanceError::InvalidChoice)),
        _ => return Err(ProgramError::InvalidInstructionData),
    };
    voter.check_signer()?;
    voter.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let gov = Governance::load(governance, program_id)?;
    staking_program.check_program(&gov.staking_program)?;
    let staking_program_id = gov.staking_program;
    let gov_bump = gov.bump;
    drop(gov);

    let mut prop = Proposal::load_mut(proposal, program_id)?;
    let now = now()?;
    if prop.state != VOTING || now >= prop.voting_ends_ts {
        return Err(fail(GovernanceError::VotingClosed));
    }
    let weight =
        staking_view::vote_weight(position, voter.key(), &staking_program_id, prop.created_ts)?;
    if weight == 0 {
        return Err(fail(GovernanceError::NoVotingWeight));
    }
    if vote_record.is_owned_by(program_id) {
        log::log_pubkey(vote_record.key());
        return Err(fail(GovernanceError::AlreadyVoted));
    }
    let tally = match choice {
        YES => &mut prop.yes,
        NO => &mut prop.no,
        _ => &mut prop.abstain,
    };
    *tally = tally.checked_add(weight).ok_or_else(overflow)?;
    prop.voter_count = prop.voter_count.checked_add(1).ok_or_else(overflow)?;
    let voting_ends_ts = prop.voting_ends_ts;
    let seed = IdSeed::new(VOTE_TAG, prop.id);
    drop(prop);

    let new_record = new_seeded(vote_record, voter, seed.as_bytes(), program_id)?;
    let mut record = new_record.init::<VoteRecord>(voter, None)?;
    record.proposal = *proposal.key();
    record.position = *position.key();
    record.voter = *voter.key();
    record.weight = weight;
    record.voted_ts = now;
    record.choice = choice;
    drop(record);

    as_governance(gov_bump, |signers| {
        LockPosition {
            staking_program,
            locker: governance,
            config: staking_config,
            position,
            until: voting_ends_ts,
        }
        .invoke_signed(signers)
    })
}
