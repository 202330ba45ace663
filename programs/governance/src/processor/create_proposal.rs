//! `create_proposal(title, uri, description_hash, actions)`: a staker with at least the minimum
//! stake opens a proposal; voting starts now. Each action is checked first (`check_actions`):
//! after the fixed accounts come each action's target program and config, in action order. The
//! quorum is fixed from the total active stake at this moment. The proposal is created at the
//! seeded address of `"proposal" + hex(id)` under the governance PDA, which signs its creation:
//! the id is the counter's, so one proposal per id at one address anyone can compute.

use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::{new_seeded, IdSeed};
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::check_actions::ActionCheck;
use super::shared::{as_governance, now, overflow};
use super::Context;
use crate::error::GovernanceError;
use crate::instruction::ProposalArgs;
use crate::staking_view;
use crate::state::{Governance, Proposal, BPS, PROPOSAL_TAG, VOTING};

// Out of line: its parsed actions (about 3 KB) in the entrypoint's frame would pass SBPF's 4 KB.
#[inline(never)]
pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [proposer, governance, proposal, position, staking_config, system_program, targets @ ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let args = ProposalArgs::parse(data, governance.key())?;
    proposer.check_signer()?;
    proposer.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let check = {
        let gov = Governance::load(governance, program_id)?;
        ActionCheck {
            governed: [
                gov.staking_program,
                gov.jobs_program,
                gov.emission_program,
                gov.capacity_program,
            ],
            governance,
            program_id,
        }
    };
    let mut rest = targets;
    for action in &args.actions[..args.action_count] {
        rest = check.check(action, rest)?;
    }
    let mut gov = Governance::load_mut(governance, program_id)?;
    let stake = staking_view::position_active(position, proposer.key(), &gov.staking_program)?;
    if stake < gov.min_stake_to_propose {
        return Err(fail(GovernanceError::BelowMinimumStake));
    }
    let total_stake = staking_view::total_stake(staking_config, &gov.staking_program)?;
    let quorum = math::mul_div_ceil(total_stake, gov.quorum_bps, BPS).ok_or_else(overflow)?;
    let created_ts = now()?;
    let voting_ends_ts = created_ts
        .checked_add(gov.voting_period_seconds)
        .ok_or_else(overflow)?;
    let executable_ts = voting_ends_ts
        .checked_add(gov.timelock_seconds)
        .ok_or_else(overflow)?;

    let id = gov.proposal_count;
    let gov_bump = gov.bump;
    let seed = IdSeed::new(PROPOSAL_TAG, id);
    let new_proposal = new_seeded(proposal, governance, seed.as_bytes(), program_id)?;
    gov.proposal_count = id.checked_add(1).ok_or_else(overflow)?;
    drop(gov);

    let mut state = as_governance(gov_bump, |signers| {
        new_proposal.init::<Proposal>(proposer, signers.first())
    })?;
    state.proposer = *proposer.key();
    state.id = id;
    state.created_ts = created_ts;
    state.voting_ends_ts = voting_ends_ts;
    state.executable_ts = executable_ts;
    state.total_stake = total_stake;
    state.quorum = quorum;
    state.state = VOTING;
    args.write(&mut state);
    Ok(())
}
