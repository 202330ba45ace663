//! What governance needs of the staking program: a stake position's owner, active stake and
//! bump, the config's total active stake, and the `lock_position` CPI.
//!
//! Read at fixed offsets (from `programs-idl/staking.json`) rather than through the staking
//! crate's types: as a normal dependency with `no-entrypoint`, that crate would be linked as an
//! SBPF cdylib without an entrypoint inside this crate's build. The host tests check every
//! offset against `staking::state` itself. (To move later: a lib-only `staking-state` crate that
//! staking, jobs, emission and governance share.)

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::pda::check_pda;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::GovernanceError;

pub const CONFIG_LEN: usize = 464;
pub const CONFIG_DISCRIMINATOR: [u8; 8] = discriminator::account("Config");
pub const CONFIG_TOTAL_STAKE: usize = 8 + 5 * 32 + 3 * 8;

pub const POSITION_LEN: usize = 216;
pub const POSITION_DISCRIMINATOR: [u8; 8] = discriminator::account("StakePosition");
pub const POSITION_OWNER: usize = 8;
pub const POSITION_ACTIVE: usize = 8 + 32;
pub const POSITION_BUMP: usize = 8 + 32 + 5 * 8 + 8 * 16;
pub const POSITION_SEED: &[u8] = b"position";

const LOCK_POSITION: [u8; 8] = discriminator::instruction("lock_position");

/// `account`'s data when `staking_program` owns it and it has `len` bytes behind `disc`.
fn staking_data<'a>(
    account: &'a AccountInfo,
    staking_program: &Pubkey,
    len: usize,
    disc: &[u8; 8],
) -> Result<ionet_sdk::account::Ref<'a, [u8]>, ProgramError> {
    let data = account.try_borrow_data()?;
    if !account.is_owned_by(staking_program) || data.len() != len || &data[..8] != disc {
        drop(data);
        log::log_pubkey(account.key());
        return Err(fail(GovernanceError::WrongStakingAccount));
    }
    Ok(data)
}

fn u64_at(data: &[u8], offset: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&data[offset..offset + 8]);
    u64::from_le_bytes(word)
}

/// The staking config's total active stake.
pub fn total_stake(config: &AccountInfo, staking_program: &Pubkey) -> Result<u64, ProgramError> {
    let data = staking_data(config, staking_program, CONFIG_LEN, &CONFIG_DISCRIMINATOR)?;
    Ok(u64_at(&data, CONFIG_TOTAL_STAKE))
}

/// The active stake of `owner`'s position, after checking it is the staking PDA
/// `["position", owner]` holding `owner`.
pub fn position_active(position: &AccountInfo, owner: &Pubkey, staking_program: &Pubkey) -> Result<u64, ProgramError> {
    let data = staking_data(position, staking_program, POSITION_LEN, &POSITION_DISCRIMINATOR)?;
    let bump = data[POSITION_BUMP];
    let owned = &data[POSITION_OWNER..POSITION_OWNER + 32] == owner;
    let active = u64_at(&data, POSITION_ACTIVE);
    drop(data);
    if !owned || check_pda(position, &[POSITION_SEED, owner], bump, staking_program).is_err() {
        log::log_pubkey(position.key());
        return Err(fail(GovernanceError::WrongStakingAccount));
    }
    Ok(active)
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
        let instruction = Instruction { program_id: self.staking_program.key(), accounts: &metas, data: &data };
        invoke_signed(&instruction, &[self.locker, self.config, self.position], signers)
    }
}

#[cfg(test)]
mod tests {
    use core::mem::{offset_of, size_of};

    use staking::state::{Config, StakePosition, POSITION_SEED as STAKING_POSITION_SEED};

    use super::*;

    #[test]
    fn offsets_match_the_staking_program() {
        use ionet_sdk::state::Layout;
        assert_eq!(CONFIG_LEN, size_of::<Config>());
        assert_eq!(CONFIG_DISCRIMINATOR, Config::DISCRIMINATOR);
        assert_eq!(CONFIG_TOTAL_STAKE, offset_of!(Config, total_stake));
        assert_eq!(POSITION_LEN, size_of::<StakePosition>());
        assert_eq!(POSITION_DISCRIMINATOR, StakePosition::DISCRIMINATOR);
        assert_eq!(POSITION_OWNER, offset_of!(StakePosition, owner));
        assert_eq!(POSITION_ACTIVE, offset_of!(StakePosition, active));
        assert_eq!(POSITION_BUMP, offset_of!(StakePosition, bump));
        assert_eq!(POSITION_SEED, STAKING_POSITION_SEED);
        assert_eq!(u64::from_le_bytes(LOCK_POSITION), staking::instruction::LOCK_POSITION);
    }
}
