//! The checkers of an audit that is closing (`settle_audited`, `convict_audited`): their
//! accounts, passed after the instruction's named accounts, and what the outcome does to them.
//! The upheld verdicts (`Audit::upheld`: the matches of an honest audit, the mismatches on the
//! agreed digest of a fraud) are credited (their share of what the outcome pays, plus the
//! penalties of the minority); every other verdict given is in the minority and loses
//! `min(checker_minority_penalty, stake)` (only when some verdict was upheld), and every
//! checker's audit closes.

use ionet_sdk::error::fail;
use ionet_sdk::token::check_token_account_mint_owner;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::checkers::{load_checker_of, penalize, release_checker, PenaltyOf};
use super::shared::overflow;
use crate::audit_state::{Audit, CheckerRegistry, AUDIT_SLOTS, VERDICT_MATCH, VERDICT_MISMATCH};
use crate::error::JobsError;
use crate::events::Penalty;

/// How an audit closed, for its checkers.
pub struct Outcome {
    /// Credited to the winners' rewards (besides the losers' penalties).
    pub credit: u64,
    /// `checker_minority_penalty`.
    pub penalty: u64,
    /// `min_checker_stake`: a checker left below it leaves the registry.
    pub min_stake: u64,
    pub job_id: u64,
}

/// The audit's filled slots and their accounts, copied out of the Audit.
pub struct Panel<'a> {
    pub owners: [Pubkey; AUDIT_SLOTS],
    pub verdicts: [u8; AUDIT_SLOTS],
    /// The slots the decision upholds (`Audit::upheld`).
    pub upheld: [bool; AUDIT_SLOTS],
    pub checkers: [Option<&'a AccountInfo>; AUDIT_SLOTS],
    pub tokens: [Option<&'a AccountInfo>; AUDIT_SLOTS],
    /// Index in `rest` of the first account after the panel's.
    pub next: usize,
}

impl<'a> Panel<'a> {
    /// Reads, from `rest`, each filled slot's Checker (then, `with_tokens`, a token account),
    /// in slot order; each Checker must be its slot owner's (`WrongCheckerAccounts`).
    #[inline(always)]
    pub fn read(
        audit: &Audit,
        rest: &'a [AccountInfo],
        with_tokens: bool,
        program_id: &Pubkey,
    ) -> Result<Self, ProgramError> {
        let mut panel = Panel {
            owners: audit.checkers,
            verdicts: audit.verdicts,
            upheld: audit.upheld(),
            checkers: [None; AUDIT_SLOTS],
            tokens: [None; AUDIT_SLOTS],
            next: 0,
        };
        for slot in audit.filled() {
            let Some(checker) = rest.get(panel.next) else {
                return Err(fail(JobsError::WrongCheckerAccounts));
            };
            load_checker_of(checker, &audit.checkers[slot], program_id)
                .map_err(|_| fail(JobsError::WrongCheckerAccounts))?;
            panel.checkers[slot] = Some(checker);
            panel.next += 1;
            if with_tokens {
                let Some(token) = rest.get(panel.next) else {
                    return Err(fail(JobsError::WrongCheckerAccounts));
                };
                panel.tokens[slot] = Some(token);
                panel.next += 1;
            }
        }
        Ok(panel)
    }

    /// Slots whose verdict is `verdict`.
    pub fn with(&self, verdict: u8) -> impl Iterator<Item = usize> + '_ {
        (0..AUDIT_SLOTS).filter(move |&i| self.checkers[i].is_some() && self.verdicts[i] == verdict)
    }

    /// The winners' token accounts in `mint` (paid the audit fee): checked to be owned by them.
    pub fn check_tokens(&self, winner: u8, mint: &Pubkey) -> ProgramResult {
        for slot in self.with(winner) {
            let token = self.tokens[slot].ok_or_else(|| fail(JobsError::WrongCheckerAccounts))?;
            check_token_account_mint_owner::<JobsError>(token, mint, &self.owners[slot])?;
        }
        Ok(())
    }

    /// Applies the outcome to the checkers: the upheld slots won. Each other verdict given is
    /// penalised when some slot won; the winners share `credit` plus the penalties (the rounding
    /// remainder to the first); every checker's audit closes.
    #[inline(always)]
    pub fn close(
        &self,
        outcome: Outcome,
        registry: &mut CheckerRegistry,
        program_id: &Pubkey,
    ) -> ProgramResult {
        let Outcome {
            credit,
            penalty,
            min_stake,
            job_id,
        } = outcome;
        let won = |slot: usize| self.checkers[slot].is_some() && self.upheld[slot];
        let winners = (0..AUDIT_SLOTS).filter(|&i| won(i)).count() as u64;
        let mut pool = credit;
        for slot in 0..AUDIT_SLOTS {
            let Some(account) = self.checkers[slot] else {
                continue;
            };
            let mut checker = load_checker_of(account, &self.owners[slot], program_id)?;
            let revealed = matches!(self.verdicts[slot], VERDICT_MATCH | VERDICT_MISMATCH);
            let minority = revealed && !self.upheld[slot];
            if minority && winners >= 1 {
                let taken = penalize(
                    &mut checker,
                    registry,
                    PenaltyOf {
                        amount: penalty,
                        min_stake,
                        job_id,
                        reason: Penalty::Minority,
                    },
                )?;
                pool = pool.checked_add(taken).ok_or_else(overflow)?;
            }
            release_checker(&mut checker)?;
        }
        if winners == 0 {
            if pool != 0 {
                log::log("audit credit with no winner");
                return Err(overflow());
            }
            return Ok(());
        }
        // share * winners + remainder == pool: no sum below overflows.
        let (share, mut remainder) = (pool / winners, pool % winners);
        for slot in (0..AUDIT_SLOTS).filter(|&i| won(i)) {
            let account = self.checkers[slot].ok_or_else(overflow)?;
            let mut checker = load_checker_of(account, &self.owners[slot], program_id)?;
            let amount = share + core::mem::take(&mut remainder);
            checker.rewards = checker.rewards.checked_add(amount).ok_or_else(overflow)?;
        }
        Ok(())
    }
}
