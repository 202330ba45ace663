//! SPL Token: zero-copy readers for token accounts and mints, and CPI helpers.
//! Classic SPL Token only (the protocol's IO and USDC mints are classic mints).

use crate::account::{AccountInfo, Ref};
use crate::check::reject;
use crate::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::{from_base58, Pubkey};

/// The SPL Token program.
pub const TOKEN_PROGRAM_ID: Pubkey = from_base58("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
/// Wrapped SOL: a token account of this mint counts its lamports above rent as tokens.
pub const NATIVE_MINT: Pubkey = from_base58("So11111111111111111111111111111111111111112");

/// A token account's state byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountState {
    Uninitialized,
    Initialized,
    Frozen,
}

/// An SPL Token account (165 bytes), read in place.
#[repr(C)]
pub struct TokenAccount {
    mint: Pubkey,
    owner: Pubkey,
    amount: [u8; 8],
    delegate_tag: [u8; 4],
    delegate: Pubkey,
    state: u8,
    is_native_tag: [u8; 4],
    native_reserve: [u8; 8],
    delegated_amount: [u8; 8],
    close_authority_tag: [u8; 4],
    close_authority: Pubkey,
}

/// An SPL Token mint (82 bytes), read in place.
#[repr(C)]
pub struct Mint {
    mint_authority_tag: [u8; 4],
    mint_authority: Pubkey,
    supply: [u8; 8],
    decimals: u8,
    is_initialized: u8,
    freeze_authority_tag: [u8; 4],
    freeze_authority: Pubkey,
}

const _: () = assert!(core::mem::size_of::<TokenAccount>() == TokenAccount::LEN);
const _: () = assert!(core::mem::size_of::<Mint>() == Mint::LEN);

/// An SPL `COption`: a 4-byte tag (1 = some) before the value.
fn option<'a>(tag: &[u8; 4], value: &'a Pubkey) -> Option<&'a Pubkey> {
    (u32::from_le_bytes(*tag) == 1).then_some(value)
}

impl TokenAccount {
    pub const LEN: usize = 165;

    /// Views `data` as a token account; `None` unless it is exactly 165 bytes.
    pub fn from_bytes(data: &[u8]) -> Option<&Self> {
        if data.len() != Self::LEN {
            return None;
        }
        // SAFETY: `TokenAccount` has alignment 1, exactly `LEN` bytes, and every bit pattern is valid.
        Some(unsafe { &*(data.as_ptr() as *const Self) })
    }

    /// Borrows `account` as an initialised token account, after checking the SPL Token program
    /// owns it.
    pub fn load(account: &AccountInfo) -> Result<Ref<'_, Self>, ProgramError> {
        account.check_owner(&TOKEN_PROGRAM_ID)?;
        let view = Ref::try_map(account.try_borrow_data()?, |data| {
            Self::from_bytes(data).ok_or(())
        });
        match view {
            Ok(token) if token.state() != AccountState::Uninitialized => Ok(token),
            _ => Err(reject(
                account,
                "account is not an initialised token account",
                ProgramError::InvalidAccountData,
            )),
        }
    }

    pub fn mint(&self) -> &Pubkey {
        &self.mint
    }

    pub fn owner(&self) -> &Pubkey {
        &self.owner
    }

    pub fn amount(&self) -> u64 {
        u64::from_le_bytes(self.amount)
    }

    pub fn delegate(&self) -> Option<&Pubkey> {
        option(&self.delegate_tag, &self.delegate)
    }

    pub fn state(&self) -> AccountState {
        match self.state {
            0 => AccountState::Uninitialized,
            2 => AccountState::Frozen,
            _ => AccountState::Initialized,
        }
    }

    pub fn is_frozen(&self) -> bool {
        self.state() == AccountState::Frozen
    }

    /// For wrapped-SOL accounts, the rent-exempt reserve.
    pub fn native_reserve(&self) -> Option<u64> {
        (u32::from_le_bytes(self.is_native_tag) == 1)
            .then(|| u64::from_le_bytes(self.native_reserve))
    }

    pub fn delegated_amount(&self) -> u64 {
        u64::from_le_bytes(self.delegated_amount)
    }

    pub fn close_authority(&self) -> Option<&Pubkey> {
        option(&self.close_authority_tag, &self.close_authority)
    }
}

impl Mint {
    pub const LEN: usize = 82;

    /// Views `data` as a mint; `None` unless it is exactly 82 bytes.
    pub fn from_bytes(data: &[u8]) -> Option<&Self> {
        if data.len() != Self::LEN {
            return None;
        }
        // SAFETY: `Mint` has alignment 1, exactly `LEN` bytes, and every bit pattern is valid.
        Some(unsafe { &*(data.as_ptr() as *const Self) })
    }

    /// Borrows `account` as an initialised mint, after checking the SPL Token program owns it.
    pub fn load(account: &AccountInfo) -> Result<Ref<'_, Self>, ProgramError> {
        account.check_owner(&TOKEN_PROGRAM_ID)?;
        let view = Ref::try_map(account.try_borrow_data()?, |data| {
            Self::from_bytes(data).ok_or(())
        });
        match view {
            Ok(mint) if mint.is_initialized() => Ok(mint),
            _ => Err(reject(
                account,
                "account is not an initialised mint",
                ProgramError::InvalidAccountData,
            )),
        }
    }

    pub fn mint_authority(&self) -> Option<&Pubkey> {
        option(&self.mint_authority_tag, &self.mint_authority)
    }

    pub fn supply(&self) -> u64 {
        u64::from_le_bytes(self.supply)
    }

    pub fn decimals(&self) -> u8 {
        self.decimals
    }

    pub fn is_initialized(&self) -> bool {
        self.is_initialized != 0
    }

    pub fn freeze_authority(&self) -> Option<&Pubkey> {
        option(&self.freeze_authority_tag, &self.freeze_authority)
    }
}

/// Instruction tags of the SPL Token program.
mod tag {
    pub const MINT_TO: u8 = 7;
    pub const BURN: u8 = 8;
    pub const CLOSE_ACCOUNT: u8 = 9;
    pub const TRANSFER: u8 = 3;
    pub const TRANSFER_CHECKED: u8 = 12;
    pub const INITIALIZE_ACCOUNT3: u8 = 18;
}

/// Tag followed by a little-endian amount.
fn amount_data(tag: u8, amount: u64) -> [u8; 9] {
    let mut data = [0u8; 9];
    data[0] = tag;
    data[1..].copy_from_slice(&amount.to_le_bytes());
    data
}

fn call<const N: usize>(
    metas: &[AccountMeta; N],
    data: &[u8],
    accounts: &[&AccountInfo; N],
    signers: &[Signer],
) -> ProgramResult {
    let instruction = Instruction {
        program_id: &TOKEN_PROGRAM_ID,
        accounts: metas,
        data,
    };
    invoke_signed(&instruction, accounts, signers)
}

/// Moves `amount` from `source` to `destination`; `authority` is the source's owner or delegate.
pub struct Transfer<'a> {
    pub source: &'a AccountInfo,
    pub destination: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
}

impl Transfer<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.source.key()),
            AccountMeta::writable(self.destination.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        call(
            &metas,
            &amount_data(tag::TRANSFER, self.amount),
            &[self.source, self.destination, self.authority],
            signers,
        )
    }
}

/// Like [`Transfer`], also checking the mint and its decimals.
pub struct TransferChecked<'a> {
    pub source: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub destination: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
    pub decimals: u8,
}

impl TransferChecked<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.source.key()),
            AccountMeta::readonly(self.mint.key()),
            AccountMeta::writable(self.destination.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        let mut data = [0u8; 10];
        data[..9].copy_from_slice(&amount_data(tag::TRANSFER_CHECKED, self.amount));
        data[9] = self.decimals;
        call(
            &metas,
            &data,
            &[self.source, self.mint, self.destination, self.authority],
            signers,
        )
    }
}

/// Mints `amount` to `account`; `authority` is the mint authority.
pub struct MintTo<'a> {
    pub mint: &'a AccountInfo,
    pub account: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
}

impl MintTo<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.mint.key()),
            AccountMeta::writable(self.account.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        call(
            &metas,
            &amount_data(tag::MINT_TO, self.amount),
            &[self.mint, self.account, self.authority],
            signers,
        )
    }
}

/// Burns `amount` from `account`; `authority` is its owner or delegate.
pub struct Burn<'a> {
    pub account: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
}

impl Burn<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.account.key()),
            AccountMeta::writable(self.mint.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        call(
            &metas,
            &amount_data(tag::BURN, self.amount),
            &[self.account, self.mint, self.authority],
            signers,
        )
    }
}

/// Initialises `account` (already allocated with 165 bytes and owned by SPL Token) for `mint`,
/// owned by `owner`.
pub struct InitializeAccount3<'a> {
    pub account: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub owner: &'a Pubkey,
}

impl InitializeAccount3<'_> {
    pub fn invoke(&self) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.account.key()),
            AccountMeta::readonly(self.mint.key()),
        ];
        let mut data = [0u8; 33];
        data[0] = tag::INITIALIZE_ACCOUNT3;
        data[1..].copy_from_slice(self.owner);
        call(&metas, &data, &[self.account, self.mint], &[])
    }
}

/// Closes the empty `account`, sending its lamports to `destination`; `authority` is its owner
/// or close authority.
pub struct CloseAccount<'a> {
    pub account: &'a AccountInfo,
    pub destination: &'a AccountInfo,
    pub authority: &'a AccountInfo,
}

impl CloseAccount<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.account.key()),
            AccountMeta::writable(self.destination.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        call(
            &metas,
            &[tag::CLOSE_ACCOUNT],
            &[self.account, self.destination, self.authority],
            signers,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_account_bytes() -> Vec<u8> {
        let mut data = vec![0u8; 165];
        data[0..32].copy_from_slice(&[1; 32]); // mint
        data[32..64].copy_from_slice(&[2; 32]); // owner
        data[64..72].copy_from_slice(&1_234_567u64.to_le_bytes());
        data[72..76].copy_from_slice(&1u32.to_le_bytes()); // delegate: some
        data[76..108].copy_from_slice(&[3; 32]);
        data[108] = 1; // initialized
        data[121..129].copy_from_slice(&500u64.to_le_bytes());
        data
    }

    #[test]
    fn reads_token_accounts_in_place() {
        let data = token_account_bytes();
        let account = TokenAccount::from_bytes(&data).unwrap();
        assert_eq!(account.mint(), &[1; 32]);
        assert_eq!(account.owner(), &[2; 32]);
        assert_eq!(account.amount(), 1_234_567);
        assert_eq!(account.delegate(), Some(&[3; 32]));
        assert_eq!(account.state(), AccountState::Initialized);
        assert_eq!(account.native_reserve(), None);
        assert_eq!(account.delegated_amount(), 500);
        assert_eq!(account.close_authority(), None);
        assert!(TokenAccount::from_bytes(&data[..164]).is_none());
    }

    #[test]
    fn reads_mints_in_place() {
        let mut data = vec![0u8; 82];
        data[0..4].copy_from_slice(&1u32.to_le_bytes());
        data[4..36].copy_from_slice(&[9; 32]);
        data[36..44].copy_from_slice(&(500_000_000u64 * 100_000_000).to_le_bytes());
        data[44] = 8;
        data[45] = 1;
        let mint = Mint::from_bytes(&data).unwrap();
        assert_eq!(mint.mint_authority(), Some(&[9; 32]));
        assert_eq!(mint.supply(), 50_000_000_000_000_000);
        assert_eq!(mint.decimals(), 8);
        assert!(mint.is_initialized());
        assert_eq!(mint.freeze_authority(), None);
    }

    #[test]
    fn instruction_data_golden_bytes() {
        assert_eq!(amount_data(tag::TRANSFER, 258), [3, 2, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(amount_data(tag::MINT_TO, 1), [7, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            amount_data(tag::BURN, u64::MAX),
            [8, 255, 255, 255, 255, 255, 255, 255, 255]
        );
    }
}
