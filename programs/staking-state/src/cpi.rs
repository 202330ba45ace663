//! CPI builders for the staking instructions other programs call, as `ionet_sdk::token` has them
//! for SPL Token: each struct names the accounts in the order the instruction takes them
//! (`programs-idl/staking.json`), plus the staking program itself and the arguments; `invoke_signed`
//! builds the instruction data (tag, then the Borsh arguments) and invokes it.

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::{AccountInfo, ProgramResult};

use crate::instruction::{FUND_REWARDS, LOCK_POSITION, SLASH};

/// `tag` followed by one little-endian u64 argument.
#[inline(always)]
fn tag_and_word(tag: u64, word: u64) -> [u8; 16] {
    let mut data = [0u8; 16];
    data[..8].copy_from_slice(&tag.to_le_bytes());
    data[8..].copy_from_slice(&word.to_le_bytes());
    data
}

/// `slash(amount)`: the configured slasher takes `amount` of `device`'s stake (active, then
/// cooling); the burned share goes through emission's burn ledger, the rest to `beneficiary`.
pub struct Slash<'a> {
    pub staking_program: &'a AccountInfo,
    /// The staking config's `slasher` (a PDA of the calling program): signs.
    pub slasher: &'a AccountInfo,
    pub staking_config: &'a AccountInfo,
    pub device: &'a AccountInfo,
    pub stake_vault: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub beneficiary: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub emission_program: &'a AccountInfo,
    pub emission_state: &'a AccountInfo,
    pub amount: u64,
}

impl Slash<'_> {
    #[inline(always)]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let data = tag_and_word(SLASH, self.amount);
        let metas = [
            AccountMeta::readonly_signer(self.slasher.key()),
            AccountMeta::writable(self.staking_config.key()),
            AccountMeta::writable(self.device.key()),
            AccountMeta::writable(self.stake_vault.key()),
            AccountMeta::writable(self.io_mint.key()),
            AccountMeta::writable(self.beneficiary.key()),
            AccountMeta::readonly(self.token_program.key()),
            AccountMeta::readonly(self.emission_program.key()),
            AccountMeta::writable(self.emission_state.key()),
        ];
        let ix = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data: &data,
        };
        let accounts = [
            self.slasher,
            self.staking_config,
            self.device,
            self.stake_vault,
            self.io_mint,
            self.beneficiary,
            self.token_program,
            self.emission_program,
            self.emission_state,
        ];
        invoke_signed(&ix, &accounts, signers)
    }
}

/// `reserve_device_stake(amount)` (the configured slasher reserves `amount` of `device`'s free
/// stake for a job) and `release_device_stake(amount)` (it releases that much of the reserve):
/// the same accounts, told apart by the tag.
pub struct DeviceReserve<'a> {
    pub staking_program: &'a AccountInfo,
    /// The staking config's `slasher`: signs.
    pub slasher: &'a AccountInfo,
    pub staking_config: &'a AccountInfo,
    pub device: &'a AccountInfo,
}

impl DeviceReserve<'_> {
    /// Invokes `tag` ([`crate::instruction::RESERVE_DEVICE_STAKE`] or
    /// [`crate::instruction::RELEASE_DEVICE_STAKE`]) with `amount`.
    #[inline(always)]
    pub fn invoke_signed(&self, tag: u64, amount: u64, signers: &[Signer]) -> ProgramResult {
        let data = tag_and_word(tag, amount);
        let metas = [
            AccountMeta::readonly_signer(self.slasher.key()),
            AccountMeta::readonly(self.staking_config.key()),
            AccountMeta::writable(self.device.key()),
        ];
        let ix = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data: &data,
        };
        let accounts = [self.slasher, self.staking_config, self.device];
        invoke_signed(&ix, &accounts, signers)
    }
}

/// `fund_rewards(amount, epochs_end_ts)`: moves `amount` (possibly 0) from `funder_token` (owned
/// by `funder`; with epochs, the IO mint authority) into the reward vault as the staker share of
/// the epochs that end by `epochs_end_ts`.
pub struct FundRewards<'a> {
    pub staking_program: &'a AccountInfo,
    pub funder: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub funder_token: &'a AccountInfo,
    pub reward_vault: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub amount: u64,
    pub epochs_end_ts: i64,
}

impl FundRewards<'_> {
    #[inline(always)]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly_signer(self.funder.key()),
            AccountMeta::writable(self.config.key()),
            AccountMeta::writable(self.funder_token.key()),
            AccountMeta::writable(self.reward_vault.key()),
            AccountMeta::readonly(self.token_program.key()),
            AccountMeta::readonly(self.io_mint.key()),
        ];
        let mut data = [0u8; 24];
        data[..8].copy_from_slice(&FUND_REWARDS.to_le_bytes());
        data[8..16].copy_from_slice(&self.amount.to_le_bytes());
        data[16..].copy_from_slice(&self.epochs_end_ts.to_le_bytes());
        let instruction = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data: &data,
        };
        invoke_signed(
            &instruction,
            &[
                self.funder,
                self.config,
                self.funder_token,
                self.reward_vault,
                self.token_program,
                self.io_mint,
            ],
            signers,
        )
    }
}

/// `lock_position(until)`: the staking authority (`locker`, the governance PDA) locks `position`
/// until `until`.
pub struct LockPosition<'a> {
    pub staking_program: &'a AccountInfo,
    pub locker: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub position: &'a AccountInfo,
    pub until: i64,
}

impl LockPosition<'_> {
    #[inline(always)]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly_signer(self.locker.key()),
            AccountMeta::readonly(self.config.key()),
            AccountMeta::writable(self.position.key()),
        ];
        let data = tag_and_word(LOCK_POSITION, self.until as u64);
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
