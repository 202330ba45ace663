//! `finalize()`: anyone, once voting has ended, settles the proposal as Succeeded (quorum
//! reached and more yes than no) or Defeated.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{now, overflow};
use super::Context;
use crate::error::GovernanceError;
use crate::state::{outcome, Proposal, VOTING};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [proposal, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    let mut prop = Proposal::load_mut(proposal, program_id)?;
    if prop.state != VOTING {
        return Err(fail(GovernanceError::NotVoting));
    }
    if now()? < prop.voting_ends_ts {
        return Err(fail(GovernanceError::VotingNotEnded));
    }
    prop.state = outcome(prop.yes, prop.no, prop.abstain, prop.quorum).ok_or_else(overflow)?;
    Ok(())
}
