//! What a proposal may do, checked when it is created: each action is `update_params` of
//! staking, jobs, emission or capacity, staking's `update_costake_params` (the co-staking floor,
//! notice and maximum commission; checked by its `check_costake_params`), or governance's own
//! `update_config`, with the accounts those take
//! (the governance PDA signing, then the target's config), and parameters the target accepts. The
//! target judges its own parameters: its `check_params` returns whether `update_params`, signed
//! by the governance PDA, would succeed and leave the governance PDA its authority (in staking:
//! keep the slasher). So governance can only change
//! parameters within their on-chain bounds: it cannot slash, lock positions, name a slasher,
//! hand any authority away or call any other program with its signature, and a proposal that
//! could never execute is refused at once.

use ionet_sdk::cpi::{invoke, AccountMeta, Instruction};
use ionet_sdk::error::fail;
use ionet_sdk::return_data::get_return_data;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::upgrade;
use crate::error::GovernanceError;
use crate::instruction::{
    ActionArgs, Params, CHECK_PARAMS, UPDATE_CONFIG_DATA, UPDATE_PARAMS_DATA,
};
use crate::state::MAX_ACTION_DATA;
use staking_state::instruction::{CHECK_COSTAKE_PARAMS, UPDATE_COSTAKE_PARAMS};

/// What every action of one proposal is checked against.
pub struct ActionCheck<'a> {
    /// The staking, jobs, emission and capacity programs (copied out of the governance account,
    /// which the CPIs pass: it must not stay borrowed).
    pub governed: [Pubkey; 4],
    /// The governance PDA: the only signer an action may name, and the authority it must keep.
    pub governance: &'a AccountInfo,
    pub program_id: &'a Pubkey,
}

impl ActionCheck<'_> {
    /// Checks `action`; `targets` holds, for every action not aimed at governance itself, the
    /// target program and its config (for an upgrade: its ProgramData, program and buffer), in
    /// action order. Returns the targets after this action's.
    /// Not inlined, with few arguments: SBPF passes at most five, and the entrypoint's stack frame
    /// is already large.
    #[inline(never)]
    pub fn check<'t>(
        &self,
        action: &ActionArgs,
        targets: &'t [AccountInfo],
    ) -> Result<&'t [AccountInfo], ProgramError> {
        let governance = self.governance.key();
        if upgrade::is_upgrade(action.program_id) {
            return upgrade::check(action, targets, governance);
        }
        let accounts = action.accounts;
        let Some((tag, params)) = action.data.split_first_chunk::<8>() else {
            return Err(fail(GovernanceError::ActionNotAllowed));
        };
        if action.program_id == self.program_id {
            let own = *tag == UPDATE_CONFIG_DATA
                && matches!(accounts, [a] if &a.pubkey == governance && a.is_signer == 1 && a.is_writable == 1);
            if !own {
                return Err(fail(GovernanceError::ActionNotAllowed));
            }
            return Params::parse(params).map(|_| targets);
        }
        // Staking's co-staking parameters: update_costake_params with the governance PDA signing,
        // the staking config (read-only) and the parameters account (writable; staking checks
        // its PDA), bounds checked by staking's check_costake_params.
        let costake = action.program_id == &self.governed[0]
            && *tag == UPDATE_COSTAKE_PARAMS.to_le_bytes()
            && matches!(accounts, [a, c, p] if &a.pubkey == governance && a.is_signer == 1 && a.is_writable == 0
                && c.is_signer == 0 && c.is_writable == 0 && p.is_signer == 0 && p.is_writable == 1);
        let shaped = costake
            || *tag == UPDATE_PARAMS_DATA
                && matches!(accounts, [a, c] if &a.pubkey == governance && a.is_signer == 1 && a.is_writable == 0
                    && c.is_signer == 0 && c.is_writable == 1);
        if !self.governed.contains(action.program_id) || !shaped {
            log::log_pubkey(action.program_id);
            return Err(fail(GovernanceError::ActionNotAllowed));
        }
        let [program, config, rest @ ..] = targets else {
            return Err(fail(GovernanceError::WrongActionProgram));
        };
        if program.key() != action.program_id || config.key() != &accounts[1].pubkey {
            log::log_pubkey(program.key());
            return Err(fail(GovernanceError::WrongActionProgram));
        }
        ParamsCheck {
            program,
            config,
            governance: self.governance,
            tag: match costake {
                true => CHECK_COSTAKE_PARAMS.to_le_bytes(),
                false => CHECK_PARAMS,
            },
            params,
        }
        .ask()?;
        Ok(rest)
    }
}

/// A `check_params` call: whether `update_params(params)` of `program`, signed by the governance
/// PDA, would be accepted and keep it the authority.
struct ParamsCheck<'a> {
    program: &'a AccountInfo,
    config: &'a AccountInfo,
    governance: &'a AccountInfo,
    /// `check_params`, or staking's `check_costake_params` for its co-staking parameters.
    tag: [u8; 8],
    params: &'a [u8],
}

impl ParamsCheck<'_> {
    /// Asks by CPI (read-only). Not inlined: its 512-byte instruction buffer gets a stack frame of
    /// its own.
    #[inline(never)]
    fn ask(&self) -> ProgramResult {
        let mut data = [0u8; MAX_ACTION_DATA];
        let len = self.params.len() + 8; // params.len() <= MAX_ACTION_DATA - 8
        data[..8].copy_from_slice(&self.tag);
        data[8..len].copy_from_slice(self.params);
        let metas = [
            AccountMeta::readonly(self.config.key()),
            AccountMeta::readonly(self.governance.key()),
        ];
        let instruction = Instruction {
            program_id: self.program.key(),
            accounts: &metas,
            data: &data[..len],
        };
        invoke(&instruction, &[self.config, self.governance])?;
        let mut answer = [0u8; 1];
        match get_return_data(&mut answer) {
            Some((1, from)) if &from == self.program.key() && answer[0] == 1 => Ok(()),
            _ => Err(fail(GovernanceError::ActionOutOfBounds)),
        }
    }
}
