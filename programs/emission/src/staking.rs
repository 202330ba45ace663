//! What this program needs of the staking program: the `fund_rewards` CPI, and the two fields of
//! its `Config` read at set-up. (The staking crate is not a dependency: with Cargo's feature
//! unification across the workspace build, depending on it with `no-entrypoint` would strip
//! the entrypoint from staking.so itself. Offsets from `programs-idl/staking.json`.)

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::EmissionError;

/// Size of the staking program's `Config` account.
const CONFIG_LEN: usize = 464;
const CONFIG_DISCRIMINATOR: [u8; 8] = discriminator::account("Config");
const IO_MINT_OFFSET: usize = 8 + 2 * 32;
const REWARD_VAULT_OFFSET: usize = 8 + 4 * 32;
const FUND_REWARDS: [u8; 8] = discriminator::instruction("fund_rewards");

/// The staking config's IO mint and reward vault, after checking `config` is a staking `Config`
/// owned by `staking_program`.
pub fn read_config(config: &AccountInfo, staking_program: &AccountInfo) -> Result<(Pubkey, Pubkey), ProgramError> {
    staking_program.check_executable()?;
    if !config.is_owned_by(staking_program.key()) {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let data = config.try_borrow_data()?;
    if data.len() != CONFIG_LEN || data[..8] != CONFIG_DISCRIMINATOR {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let mut io_mint = [0u8; 32];
    let mut reward_vault = [0u8; 32];
    io_mint.copy_from_slice(&data[IO_MINT_OFFSET..IO_MINT_OFFSET + 32]);
    reward_vault.copy_from_slice(&data[REWARD_VAULT_OFFSET..REWARD_VAULT_OFFSET + 32]);
    Ok((io_mint, reward_vault))
}

/// `fund_rewards(amount)` of the staking program: moves `amount` from `funder_token` (owned by
/// `funder`, a PDA of this program signed for by `signers`) into the reward vault.
pub struct FundRewards<'a> {
    pub staking_program: &'a AccountInfo,
    pub funder: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub funder_token: &'a AccountInfo,
    pub reward_vault: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub amount: u64,
}

impl FundRewards<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly_signer(self.funder.key()),
            AccountMeta::writable(self.config.key()),
            AccountMeta::writable(self.funder_token.key()),
            AccountMeta::writable(self.reward_vault.key()),
            AccountMeta::readonly(self.token_program.key()),
        ];
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&FUND_REWARDS);
        data[8..].copy_from_slice(&self.amount.to_le_bytes());
        let instruction = Instruction { program_id: self.staking_program.key(), accounts: &metas, data: &data };
        invoke_signed(
            &instruction,
            &[self.funder, self.config, self.funder_token, self.reward_vault, self.token_program],
            signers,
        )
    }
}
