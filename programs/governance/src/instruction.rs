//! Instruction discriminators and argument decoding (Borsh, as the IDL declares the args).

use ionet_sdk::args::Args;
use ionet_sdk::discriminator::instruction_tag;
use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, Pubkey};

use crate::error::GovernanceError;
use crate::state::{
    Action, ActionAccount, Governance, Proposal, BPS, MAX_ACTIONS, MAX_ACTION_ACCOUNTS,
    MAX_ACTION_DATA, MAX_TIMELOCK_SECONDS, MAX_TITLE_LEN, MAX_URI_LEN, MAX_VOTING_PERIOD_SECONDS,
    MIN_QUORUM_BPS, MIN_TIMELOCK_SECONDS, MIN_VOTING_PERIOD_SECONDS,
};

pub const INITIALIZE: u64 = instruction_tag("initialize");
pub const UPDATE_CONFIG: u64 = instruction_tag("update_config");
pub const CREATE_PROPOSAL: u64 = instruction_tag("create_proposal");
pub const CAST_VOTE: u64 = instruction_tag("cast_vote");
pub const FINALIZE: u64 = instruction_tag("finalize");
pub const EXECUTE: u64 = instruction_tag("execute");
pub const CANCEL: u64 = instruction_tag("cancel");

pub const CHECK_PARAMS: [u8; 8] = ionet_sdk::discriminator::instruction("check_params");
pub const UPDATE_PARAMS_DATA: [u8; 8] = ionet_sdk::discriminator::instruction("update_params");
pub const UPDATE_CONFIG_DATA: [u8; 8] = ionet_sdk::discriminator::instruction("update_config");

/// The settable parameters (`initialize`, `update_config`), IDL type `GovernanceParams`.
pub struct Params {
    pub voting_period_seconds: i64,
    pub quorum_bps: u64,
    pub timelock_seconds: i64,
    pub min_stake_to_propose: u64,
}

impl Params {
    pub fn parse(data: &[u8]) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let params = Params {
            voting_period_seconds: args.i64()?,
            quorum_bps: args.u64()?,
            timelock_seconds: args.i64()?,
            min_stake_to_propose: args.u64()?,
        };
        args.finish()?;
        let valid = (MIN_VOTING_PERIOD_SECONDS..=MAX_VOTING_PERIOD_SECONDS)
            .contains(&params.voting_period_seconds)
            && (MIN_QUORUM_BPS..=BPS).contains(&params.quorum_bps)
            && (MIN_TIMELOCK_SECONDS..=MAX_TIMELOCK_SECONDS).contains(&params.timelock_seconds)
            && params.min_stake_to_propose > 0;
        if !valid {
            return Err(fail(GovernanceError::InvalidParams));
        }
        Ok(params)
    }

    pub fn apply(&self, governance: &mut Governance) {
        governance.voting_period_seconds = self.voting_period_seconds;
        governance.quorum_bps = self.quorum_bps;
        governance.timelock_seconds = self.timelock_seconds;
        governance.min_stake_to_propose = self.min_stake_to_propose;
    }
}

/// `create_proposal(title, uri, description_hash, actions)`, validated; the byte fields borrow
/// the instruction data.
pub struct ProposalArgs<'a> {
    pub title: &'a [u8],
    pub uri: &'a [u8],
    pub description_hash: &'a [u8; 32],
    pub action_count: usize,
    pub actions: [ActionArgs<'a>; MAX_ACTIONS],
}

#[derive(Clone, Copy)]
pub struct ActionArgs<'a> {
    pub program_id: &'a Pubkey,
    /// At most [`MAX_ACTION_ACCOUNTS`], read in place: Borsh lays an account out as
    /// `ActionAccount` does (key, then two one-byte flags).
    pub accounts: &'a [ActionAccount],
    pub data: &'a [u8],
}

/// Fills the unused action slots.
const UNUSED_PROGRAM: Pubkey = [0; 32];

impl<'a> ProposalArgs<'a> {
    /// Decodes and bounds the arguments; `governance` is the only key an action may have sign.
    pub fn parse(data: &'a [u8], governance: &Pubkey) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let title = args.string()?;
        let uri = args.string()?;
        let description_hash = args.bytes::<32>()?;
        if title.is_empty() || title.len() > MAX_TITLE_LEN {
            return Err(fail(GovernanceError::InvalidTitle));
        }
        if uri.len() > MAX_URI_LEN {
            return Err(fail(GovernanceError::UriTooLong));
        }
        let action_count = args.u32()? as usize;
        if action_count > MAX_ACTIONS {
            return Err(fail(GovernanceError::TooManyActions));
        }
        let empty = ActionArgs {
            program_id: &UNUSED_PROGRAM,
            accounts: &[],
            data: &[],
        };
        let mut actions = [empty; MAX_ACTIONS];
        for action in actions.iter_mut().take(action_count) {
            action.program_id = args.pubkey()?;
            let account_count = args.u32()? as usize;
            if account_count > MAX_ACTION_ACCOUNTS {
                return Err(fail(GovernanceError::ActionTooLarge));
            }
            action.accounts = action_accounts(&mut args, account_count)?;
            for account in action.accounts {
                if account.is_signer > 1 || account.is_writable > 1 {
                    return Err(ProgramError::InvalidInstructionData); // a Borsh bool is 0 or 1
                }
                if account.is_signer == 1 && &account.pubkey != governance {
                    return Err(fail(GovernanceError::ActionSignerNotGovernance));
                }
            }
            action.data = args.string()?;
            if action.data.len() > MAX_ACTION_DATA {
                return Err(fail(GovernanceError::ActionTooLarge));
            }
        }
        args.finish()?;
        Ok(Self {
            title,
            uri,
            description_hash,
            action_count,
            actions,
        })
    }

    /// Writes the text fields and actions into a fresh (zeroed) proposal.
    pub fn write(&self, proposal: &mut Proposal) {
        proposal.title[..self.title.len()].copy_from_slice(self.title);
        proposal.uri[..self.uri.len()].copy_from_slice(self.uri);
        proposal.description_hash = *self.description_hash;
        proposal.action_count = self.action_count as u8; // at most MAX_ACTIONS
        for (slot, action) in proposal
            .actions
            .iter_mut()
            .zip(&self.actions[..self.action_count])
        {
            write_action(slot, action);
        }
    }
}

fn write_action(slot: &mut Action, action: &ActionArgs) {
    slot.program_id = *action.program_id;
    slot.account_count = action.accounts.len() as u8; // at most MAX_ACTION_ACCOUNTS
    slot.accounts[..action.accounts.len()].copy_from_slice(action.accounts);
    slot.data_len = action.data.len() as u16; // at most MAX_ACTION_DATA
    slot.data[..action.data.len()].copy_from_slice(action.data);
}

/// The next `count` action accounts of `args`, borrowed in place.
fn action_accounts<'a>(
    args: &mut Args<'a>,
    count: usize,
) -> Result<&'a [ActionAccount], ProgramError> {
    let len = count * size_of::<ActionAccount>();
    let bytes = args.take(len)?;
    // SAFETY: `ActionAccount` is #[repr(C)] bytes only (a key and two flags: align 1, size 34, no
    // padding, every bit pattern valid), and `bytes` holds exactly `count` of them.
    Ok(unsafe { core::slice::from_raw_parts(bytes.as_ptr().cast(), count) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOV: Pubkey = [9; 32];

    fn params(period: i64, quorum: u64, timelock: i64, min: u64) -> Vec<u8> {
        [
            period.to_le_bytes(),
            quorum.to_le_bytes(),
            timelock.to_le_bytes(),
            min.to_le_bytes(),
        ]
        .concat()
    }

    #[test]
    fn params_parse_and_validate() {
        const HOUR: i64 = 3600;
        const DAY: i64 = 24 * HOUR;
        let p = Params::parse(&params(3 * DAY, 400, DAY, 1000)).unwrap();
        assert_eq!(
            (
                p.voting_period_seconds,
                p.quorum_bps,
                p.timelock_seconds,
                p.min_stake_to_propose
            ),
            (3 * DAY, 400, DAY, 1000)
        );
        let invalid = Err(ProgramError::Custom(GovernanceError::InvalidParams as u32));
        let cases = [
            ("period under a day", params(DAY - 1, 400, DAY, 1)),
            ("period over 30 days", params(30 * DAY + 1, 400, DAY, 1)),
            ("quorum under 4%", params(DAY, 399, DAY, 1)),
            ("quorum above 100%", params(DAY, BPS + 1, DAY, 1)),
            ("timelock under a day", params(DAY, 400, DAY - 1, 1)),
            ("timelock over 30 days", params(DAY, 400, 30 * DAY + 1, 1)),
            ("zero minimum stake", params(DAY, 400, DAY, 0)),
        ];
        for (name, data) in cases {
            assert_eq!(Params::parse(&data).map(|_| ()), invalid, "{name}");
        }
    }

    struct Meta(Pubkey, u8, u8);

    fn proposal(title: &[u8], uri: &[u8], actions: &[(Pubkey, Vec<Meta>, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        let string = |out: &mut Vec<u8>, s: &[u8]| {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            out.extend_from_slice(s);
        };
        string(&mut out, title);
        string(&mut out, uri);
        out.extend_from_slice(&[7; 32]);
        out.extend_from_slice(&(actions.len() as u32).to_le_bytes());
        for (program, metas, data) in actions {
            out.extend_from_slice(program);
            out.extend_from_slice(&(metas.len() as u32).to_le_bytes());
            for Meta(key, signer, writable) in metas {
                out.extend_from_slice(key);
                out.push(*signer);
                out.push(*writable);
            }
            string(&mut out, data);
        }
        out
    }

    #[test]
    fn proposal_args_parse_and_bound() {
        let update = (
            Pubkey::from([3; 32]),
            vec![Meta(GOV, 1, 0), Meta([4; 32], 0, 1)],
            vec![1, 2, 3],
        );
        let data = proposal(b"Cooldown 7d", b"https://example.org/p/1", &[update]);
        let args = ProposalArgs::parse(&data, &GOV).unwrap();
        assert_eq!(
            (args.title, args.uri, args.action_count),
            (&b"Cooldown 7d"[..], &b"https://example.org/p/1"[..], 1)
        );
        let a = &args.actions[0];
        assert_eq!(
            (a.program_id, a.accounts.len(), a.data),
            (&[3; 32], 2, &[1u8, 2, 3][..])
        );
        assert_eq!(
            (
                a.accounts[0].is_signer,
                a.accounts[1].is_writable,
                a.accounts[1].pubkey
            ),
            (1, 1, [4; 32])
        );

        let code = |e: GovernanceError| Err(ProgramError::Custom(e as u32));
        let action = |metas: usize, data: usize| {
            (
                [3; 32],
                (0..metas).map(|_| Meta([4; 32], 0, 1)).collect(),
                vec![0; data],
            )
        };
        let cases = [
            (
                "empty title",
                proposal(b"", b"", &[]),
                code(GovernanceError::InvalidTitle),
            ),
            (
                "long title",
                proposal(&[b'a'; MAX_TITLE_LEN + 1], b"", &[]),
                code(GovernanceError::InvalidTitle),
            ),
            (
                "long URI",
                proposal(b"t", &[b'u'; MAX_URI_LEN + 1], &[]),
                code(GovernanceError::UriTooLong),
            ),
            (
                "five actions",
                proposal(
                    b"t",
                    b"",
                    &[
                        action(0, 0),
                        action(0, 0),
                        action(0, 0),
                        action(0, 0),
                        action(0, 0),
                    ],
                ),
                code(GovernanceError::TooManyActions),
            ),
            (
                "five accounts",
                proposal(b"t", b"", &[action(MAX_ACTION_ACCOUNTS + 1, 0)]),
                code(GovernanceError::ActionTooLarge),
            ),
            (
                "long data",
                proposal(b"t", b"", &[action(1, MAX_ACTION_DATA + 1)]),
                code(GovernanceError::ActionTooLarge),
            ),
            (
                "foreign signer",
                proposal(b"t", b"", &[([3; 32], vec![Meta([5; 32], 1, 0)], vec![])]),
                code(GovernanceError::ActionSignerNotGovernance),
            ),
            (
                "bool not 0 or 1",
                proposal(b"t", b"", &[([3; 32], vec![Meta(GOV, 2, 0)], vec![])]),
                Err(ProgramError::InvalidInstructionData),
            ),
        ];
        for (name, data, want) in cases {
            assert_eq!(ProposalArgs::parse(&data, &GOV).map(|_| ()), want, "{name}");
        }
        let mut trailing = proposal(b"t", b"", &[]);
        trailing.push(0);
        assert_eq!(
            ProposalArgs::parse(&trailing, &GOV).map(|_| ()),
            Err(ProgramError::InvalidInstructionData),
            "trailing byte"
        );
        let full: Vec<_> = (0..MAX_ACTIONS)
            .map(|_| action(MAX_ACTION_ACCOUNTS, MAX_ACTION_DATA))
            .collect();
        let full = proposal(b"t", b"", &full);
        assert!(
            ProposalArgs::parse(&full, &GOV).is_ok(),
            "every bound at its limit"
        );
    }
}
