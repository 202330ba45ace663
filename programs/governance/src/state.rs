//! Account layouts, byte for byte as `programs-idl/governance.json` describes them.

use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

use crate::error::GovernanceError;

/// Basis points in one whole.
pub const BPS: u64 = 10_000;
/// Bounds of a proposal.
pub const MAX_TITLE_LEN: usize = 64;
pub const MAX_URI_LEN: usize = 128;
pub const MAX_ACTIONS: usize = 4;
pub const MAX_ACTION_ACCOUNTS: usize = 4;
pub const MAX_ACTION_DATA: usize = 512;

/// PDA seeds. The governance PDA is also the signer of every executed action.
pub const GOVERNANCE_SEED: &[u8] = b"governance";
/// The tag of a proposal's seed (`ionet_sdk::seeded::IdSeed`: the tag, then the proposal id),
/// under the governance PDA.
pub const PROPOSAL_TAG: &[u8] = b"proposal";
/// The tag of a vote record's seed (`ionet_sdk::seeded::IdSeed`: the tag, then the proposal id).
pub const VOTE_TAG: &[u8] = b"vote";

/// Proposal states (`Proposal::state`).
pub const VOTING: u8 = 0;
pub const SUCCEEDED: u8 = 1;
pub const DEFEATED: u8 = 2;
pub const EXECUTED: u8 = 3;
pub const CANCELLED: u8 = 4;
/// Succeeded, but not executed within `EXECUTION_WINDOW_SECONDS` after its timelock: `execute`
/// then marks it so and runs nothing.
pub const FAILED: u8 = 5;

// Bounds of the governance parameters (`GovernanceParams`; the IDL docs list them).
pub const MIN_VOTING_PERIOD_SECONDS: i64 = 24 * 3600;
/// The longest voting period: staking's `MAX_VOTE_SECONDS`, the longest vote lock it accepts.
pub const MAX_VOTING_PERIOD_SECONDS: i64 = staking_state::MAX_VOTE_SECONDS;
pub const MIN_QUORUM_BPS: u64 = 400;
pub const MIN_TIMELOCK_SECONDS: i64 = 24 * 3600;
pub const MAX_TIMELOCK_SECONDS: i64 = 30 * 24 * 3600;
/// How long after its timelock a succeeded proposal can be executed: 7 days.
pub const EXECUTION_WINDOW_SECONDS: i64 = 7 * 24 * 3600;

/// Vote choices (`cast_vote` argument, `VoteRecord::choice`).
pub const YES: u8 = 0;
pub const NO: u8 = 1;
pub const ABSTAIN: u8 = 2;

/// The program's settings. PDA `["governance"]`; it signs the actions of executed proposals.
#[repr(C)]
pub struct Governance {
    pub discriminator: [u8; 8],
    /// The staking program whose positions vote and whose authority this PDA holds.
    pub staking_program: Pubkey,
    pub voting_period_seconds: i64,
    /// Votes (yes + no + abstain) needed, in bps of the total active stake at creation.
    pub quorum_bps: u64,
    /// Wait between the end of voting and execution.
    pub timelock_seconds: i64,
    /// Active stake a proposer needs.
    pub min_stake_to_propose: u64,
    /// Proposals created so far: the next proposal's id.
    pub proposal_count: u64,
    pub bump: u8,
    pub reserved: [u8; 7],
    /// The other governed programs: proposals may only call their `update_params` (and
    /// governance's own `update_config`).
    pub jobs_program: Pubkey,
    pub emission_program: Pubkey,
    pub capacity_program: Pubkey,
}

/// One account of an action's instruction; flags are 0 or 1.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ActionAccount {
    pub pubkey: Pubkey,
    pub is_signer: u8,
    pub is_writable: u8,
}

/// One instruction a proposal executes, signed by the governance PDA.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Action {
    pub program_id: Pubkey,
    pub data_len: u16,
    pub account_count: u8,
    pub reserved: u8,
    pub accounts: [ActionAccount; MAX_ACTION_ACCOUNTS],
    pub data: [u8; MAX_ACTION_DATA],
}

/// A proposal, at the seeded address of `"proposal" + hex(id)` under the governance PDA.
#[repr(C)]
pub struct Proposal {
    pub discriminator: [u8; 8],
    pub proposer: Pubkey,
    pub id: u64,
    pub created_ts: i64,
    pub voting_ends_ts: i64,
    /// Earliest execution: the end of voting plus the timelock.
    pub executable_ts: i64,
    /// Total active stake when the proposal was created.
    pub total_stake: u64,
    /// Votes needed (ceil of total_stake * quorum_bps / 10000).
    pub quorum: u64,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub voter_count: u64,
    /// SHA-256 of the full text at `uri`.
    pub description_hash: [u8; 32],
    /// UTF-8, NUL-padded.
    pub title: [u8; MAX_TITLE_LEN],
    /// UTF-8, NUL-padded.
    pub uri: [u8; MAX_URI_LEN],
    pub state: u8,
    pub action_count: u8,
    pub reserved: [u8; 6],
    pub actions: [Action; MAX_ACTIONS],
}

/// One stake position's vote on one proposal, at the seeded address of `"vote" + hex(proposal
/// id)` under the voter (the position's owner): its existence is what stops a second vote.
#[repr(C)]
pub struct VoteRecord {
    pub discriminator: [u8; 8],
    pub proposal: Pubkey,
    pub position: Pubkey,
    pub voter: Pubkey,
    pub weight: u64,
    pub voted_ts: i64,
    pub choice: u8,
    pub reserved: [u8; 7],
}

// SAFETY: each is #[repr(C)], starts with the discriminator, has only integer and byte-array
// fields (and arrays of such structs) without implicit padding (size assertions below), align <= 8.
unsafe impl Layout for Governance {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Governance");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}
// SAFETY: as above.
unsafe impl Layout for Proposal {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Proposal");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}
// SAFETY: as above.
unsafe impl Layout for VoteRecord {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("VoteRecord");
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_account_type(account)
    }
}

#[cold]
fn wrong_account_type(account: &AccountInfo) -> ProgramError {
    log::log_pubkey(account.key());
    fail(GovernanceError::WrongAccountType)
}

const _: () = assert!(core::mem::size_of::<Governance>() == 8 + 32 + 5 * 8 + 8 + 3 * 32);
const _: () = assert!(core::mem::size_of::<ActionAccount>() == 34);
// Instruction data holds action accounts in place (`instruction::ProposalArgs`): any address.
const _: () = assert!(core::mem::align_of::<ActionAccount>() == 1);
const _: () =
    assert!(core::mem::size_of::<Action>() == 32 + 4 + MAX_ACTION_ACCOUNTS * 34 + MAX_ACTION_DATA);
const _: () = assert!(
    core::mem::size_of::<Proposal>()
        == 8 + 32
            + 10 * 8
            + 32
            + MAX_TITLE_LEN
            + MAX_URI_LEN
            + 8
            + MAX_ACTIONS * core::mem::size_of::<Action>()
);
const _: () = assert!(core::mem::size_of::<VoteRecord>() == 8 + 3 * 32 + 2 * 8 + 8);

/// The state voting ends in: Succeeded iff the votes cast (abstentions count) reach the quorum
/// and yes outnumbers no.
pub fn outcome(yes: u64, no: u64, abstain: u64, quorum: u64) -> Option<u8> {
    let cast = yes.checked_add(no)?.checked_add(abstain)?;
    Some(if cast >= quorum && yes > no {
        SUCCEEDED
    } else {
        DEFEATED
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        let cases = [
            ("quorum reached, yes wins", 30, 10, 0, 40, Some(SUCCEEDED)),
            (
                "abstentions count to quorum",
                11,
                10,
                19,
                40,
                Some(SUCCEEDED),
            ),
            ("tie is defeat", 20, 20, 0, 40, Some(DEFEATED)),
            ("no wins", 10, 30, 0, 40, Some(DEFEATED)),
            ("below quorum", 39, 0, 0, 40, Some(DEFEATED)),
            ("only abstentions", 0, 0, 100, 40, Some(DEFEATED)),
            ("overflow", u64::MAX, 1, 0, 40, None),
        ];
        for (name, yes, no, abstain, quorum, want) in cases {
            assert_eq!(outcome(yes, no, abstain, quorum), want, "{name}");
        }
    }
}
