//! CPI builders for the emission instructions other programs call.

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::{AccountInfo, ProgramResult};

use crate::instruction::BURN_SLASH;

/// `burn_slash(amount)`: the staking config PDA recorded in the emission state (`burner`, owner of
/// `source`, signing) burns `amount` from `source` through the burn ledger.
pub struct BurnSlash<'a> {
    pub emission_program: &'a AccountInfo,
    pub burner: &'a AccountInfo,
    pub emission_state: &'a AccountInfo,
    pub source: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub amount: u64,
}

impl BurnSlash<'_> {
    #[inline]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&BURN_SLASH.to_le_bytes());
        data[8..].copy_from_slice(&self.amount.to_le_bytes());
        let metas = [
            AccountMeta::readonly_signer(self.burner.key()),
            AccountMeta::writable(self.emission_state.key()),
            AccountMeta::writable(self.source.key()),
            AccountMeta::writable(self.io_mint.key()),
            AccountMeta::readonly(self.token_program.key()),
        ];
        let ix = Instruction {
            program_id: self.emission_program.key(),
            accounts: &metas,
            data: &data,
        };
        let accounts = [
            self.burner,
            self.emission_state,
            self.source,
            self.io_mint,
            self.token_program,
            self.emission_program,
        ];
        invoke_signed(&ix, &accounts, signers)
    }
}
