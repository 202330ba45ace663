//! `cancel()`: the proposer withdraws a proposal nobody has voted on yet.

use ionet_sdk::args::no_args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::Context;
use crate::error::GovernanceError;
use crate::state::{Proposal, CANCELLED, VOTING};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [proposer, proposal, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    proposer.check_signer()?;
    let mut prop = Proposal::load_mut(proposal, program_id)?;
    if &prop.proposer != proposer.key() {
        log::log_pubkey(proposer.key());
        return Err(fail(GovernanceError::NotProposer));
    }
    if prop.state != VOTING {
        return Err(fail(GovernanceError::NotVoting));
    }
    if prop.voter_count != 0 {
        return Err(fail(GovernanceError::ProposalHasVotes));
    }
    prop.state = CANCELLED;
    Ok(())
}
