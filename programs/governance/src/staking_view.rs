//! What governance needs of the staking program: a stake position's owner and active stake, the
//! config's total active stake (read through the shared `staking-state` layouts and loaders),
//! and the `lock_position` CPI.

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};
use staking_state::Config;

use crate::error::GovernanceError;

const LOCK_POSITION: [u8; 8] = discriminator::instruction("lock_position");

/// The staking config's total active stake.
pub fn total_stake(config: &AccountInfo, staking_program: &Pubkey) -> Result<u64, ProgramError> {
    Ok(staking_state::load::<Config>(config, staking_program, wrong_staking_account)?.total_stake)
}

/// The active stake of `owner`'s position, after checking it is the staking PDA
/// `["position", owner]` holding `owner`.
pub fn position_active(
    position: &AccountInfo,
    owner: &Pubkey,
    staking_program: &Pubkey,
) -> Result<u64, ProgramError> {
    Ok(
        staking_state::load_position(position, owner, staking_program, wrong_staking_account)?
            .active,
    )
}

#[cold]
fn wrong_staking_account() -> ProgramError {
    fail(GovernanceError::WrongStakingAccount)
}

/// `lock_position(until)` of the staking program, signed by the governance PDA (`locker`, which
/// must be the staking authority).
pub struct LockPosition<'a> {
    pub staking_program: &'a AccountInfo,
    pub locker: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub position: &'a AccountInfo,
    pub until: i64,
}

impl LockPosition<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly_signer(self.locker.key()),
            AccountMeta::readonly(self.config.key()),
            AccountMeta::writable(self.position.key()),
        ];
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&LOCK_POSITION);
        data[8..].copy_from_slice(&self.until.to_le_bytes());
        let instruction = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data: &data,
        };
        invoke_signed(
            &instruction,
            &[self.locker, self.config, self.position],
            signers,
        )
    }
}
