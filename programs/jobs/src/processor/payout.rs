//! Releasing a job's escrow: the payments out of it, the rest to the buyer, then closing the
//! escrow and the job with their rent returned to the buyer.

use ionet_sdk::cpi::AccountInfos;
use ionet_sdk::token::{CloseAccount, TokenAccount, Transfer};
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult};

use super::shared::{as_job, close_job, overflow};
use crate::audit_state::AUDIT_SLOTS;
use crate::state::Job;

/// The job's escrow and where its leftovers and rent go.
pub struct Escrow<'a> {
    pub job: &'a AccountInfo,
    pub escrow: &'a AccountInfo,
    /// Receives the rent of both accounts: the escrow's goes to the job when the escrow closes,
    /// then the job's whole balance to the buyer (no CPI takes the buyer, so it needs no view).
    pub buyer: &'a AccountInfo,
    /// Receives every token the payments leave in the escrow.
    pub refund_to: &'a AccountInfo,
    pub id: u64,
    pub bump: u8,
}

impl<'a> Escrow<'a> {
    /// The escrow of the job `state` (its id and PDA bump), refunding to `refund_to`.
    pub fn of(
        job: &'a AccountInfo,
        escrow: &'a AccountInfo,
        buyer: &'a AccountInfo,
        refund_to: &'a AccountInfo,
        state: &Job,
    ) -> Self {
        Escrow {
            job,
            escrow,
            buyer,
            refund_to,
            id: state.id,
            bump: state.bump,
        }
    }

    /// Pays each `(destination, amount)` from the escrow, refunds what is left (tokens anyone
    /// sent to the escrow included, so it always closes empty), then closes the escrow and the
    /// job. The caller has checked every destination. Returns the refund.
    ///
    /// A payment to the refund's own token account (a challenger's bond when the challenger
    /// refunds to the same account, a worker paid where the buyer is refunded) rides with the
    /// refund: one transfer of the sum instead of two, the same tokens to the same account.
    pub fn release(&self, payments: &[(&AccountInfo, u64)]) -> Result<u64, ProgramError> {
        let Self {
            job,
            escrow,
            buyer,
            refund_to,
            ..
        } = *self;
        let balance = TokenAccount::amount_of(escrow)?;
        let (mut refund, mut back) = (balance, balance);
        for &(destination, amount) in payments {
            refund = refund.checked_sub(amount).ok_or_else(overflow)?;
            if !destination.is(refund_to) {
                back = back.checked_sub(amount).ok_or_else(overflow)?;
            }
        }
        self.pay_out(payments, back)?;
        close_job(job, buyer)?;
        Ok(refund)
    }

    /// Pays each payment not to `refund_to`, then `back` to `refund_to`, then closes the escrow.
    /// The accounts' data stays held (`AccountInfos`) until this returns.
    #[inline(always)]
    fn pay_out(&self, payments: &[(&AccountInfo, u64)], back: u64) -> ProgramResult {
        let Self {
            job,
            escrow,
            refund_to,
            id,
            bump,
            ..
        } = *self;
        // Every account the transfers and the close take, described once for all of them.
        let mut infos = AccountInfos::<{ 3 + AUDIT_SLOTS + 3 }>::new();
        for account in [escrow, job, refund_to] {
            infos.push(account)?;
        }
        for &(destination, amount) in payments {
            if amount > 0 && !destination.is(refund_to) {
                infos.push(destination)?;
            }
        }
        as_job(id, bump, |signers| {
            let transfer = |destination, amount| {
                if amount == 0 {
                    return Ok(());
                }
                Transfer {
                    source: escrow,
                    destination,
                    authority: job,
                    amount,
                }
                .invoke_in(&infos, signers)
            };
            for &(destination, amount) in payments {
                if !destination.is(refund_to) {
                    transfer(destination, amount)?;
                }
            }
            transfer(refund_to, back)?;
            // The escrow's rent to the job (writable, in the set already), which `release`
            // closes into the buyer right after: the buyer gets both rents as before.
            CloseAccount {
                account: escrow,
                destination: job,
                authority: job,
            }
            .invoke_in(&infos, signers)
        })
    }
}
