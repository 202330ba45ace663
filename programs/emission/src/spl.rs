//! SPL Token `SetAuthority`, which the SDK's token module does not have yet (a candidate to move
//! there).

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction};
use ionet_sdk::token::TOKEN_PROGRAM_ID;
use ionet_sdk::{AccountInfo, ProgramResult, Pubkey};

/// SPL Token instruction tag of `SetAuthority`.
const SET_AUTHORITY: u8 = 6;
/// `AuthorityType::MintTokens`.
const MINT_TOKENS: u8 = 0;

/// Makes `new_authority` the mint authority of `mint`; `authority`, the current one, signs.
pub struct SetMintAuthority<'a> {
    pub mint: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub new_authority: &'a Pubkey,
}

impl SetMintAuthority<'_> {
    pub fn invoke(&self) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.mint.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        let data = set_authority_data(self.new_authority);
        let instruction = Instruction {
            program_id: &TOKEN_PROGRAM_ID,
            accounts: &metas,
            data: &data,
        };
        invoke_signed(&instruction, &[self.mint, self.authority], &[])
    }
}

/// Tag, authority type, `COption<Pubkey>` as a 1-byte tag (Some) and the key.
fn set_authority_data(new_authority: &Pubkey) -> [u8; 35] {
    let mut data = [0u8; 35];
    data[0] = SET_AUTHORITY;
    data[1] = MINT_TOKENS;
    data[2] = 1;
    data[3..].copy_from_slice(new_authority);
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    // Golden bytes: spl-token's TokenInstruction::SetAuthority { MintTokens, Some(key) }.pack().
    #[test]
    fn packs_like_spl_token() {
        let data = set_authority_data(&[9; 32]);
        assert_eq!(&data[..3], &[6, 0, 1]);
        assert_eq!(&data[3..], &[9; 32]);
    }
}
