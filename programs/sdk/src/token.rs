//! SPL Token: zero-copy readers for token accounts and mints, and CPI helpers.
//! Classic SPL Token only (the protocol's IO and USDC mints are classic mints).

use crate::account::{AccountInfo, Ref};
use crate::check::reject;
use crate::cpi::{invoke_signed, AccountInfos, AccountMeta, Instruction, Signer};
use crate::error::{fail, ErrorCode, ProgramError, ProgramResult};
use crate::log;
use crate::pubkey::{from_base58, Pubkey};

/// The SPL Token program.
pub const TOKEN_PROGRAM_ID: Pubkey = from_base58("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
/// Wrapped SOL: a token account of this mint counts its lamports above rent as tokens.
pub const NATIVE_MINT: Pubkey = from_base58("So11111111111111111111111111111111111111112");

/// `account` is the SPL Token program (a CPI's program account).
#[inline]
pub fn check_token_program(account: &AccountInfo) -> ProgramResult {
    account.check_program(&TOKEN_PROGRAM_ID)
}

/// A program's error for a token account in another mint (its `WrongMint`).
pub trait WrongMint: ErrorCode {
    const WRONG_MINT: Self;
}

/// A program's error for a token account of another owner (its `WrongOwner`).
pub trait WrongOwner: WrongMint {
    const WRONG_OWNER: Self;
}

/// A writable, initialised token account of `mint` (else `E::WRONG_MINT`, logged with its key).
#[inline(always)]
pub fn check_token_account_mint<E: WrongMint>(
    account: &AccountInfo,
    mint: &Pubkey,
) -> ProgramResult {
    read_writable_of_mint(account, mint, E::WRONG_MINT, |_| ())
}

/// As [`check_token_account_mint`]; returns the account's owner.
#[inline(always)]
pub fn token_account_owner<E: WrongMint>(
    account: &AccountInfo,
    mint: &Pubkey,
) -> Result<Pubkey, ProgramError> {
    read_writable_of_mint(account, mint, E::WRONG_MINT, |token| *token.owner())
}

/// As [`check_token_account_mint`], and owned by `owner` (else `E::WRONG_OWNER`, logged).
#[inline(always)]
pub fn check_token_account_mint_owner<E: WrongOwner>(
    account: &AccountInfo,
    mint: &Pubkey,
    owner: &Pubkey,
) -> ProgramResult {
    if !read_writable_of_mint(account, mint, E::WRONG_MINT, |token| token.owner() == owner)? {
        log::log_pubkey(account.key());
        return Err(fail(E::WRONG_OWNER));
    }
    Ok(())
}

/// `read` of `account` once it is a writable, initialised token account of `mint` (the checks
/// of [`TokenAccount::load`] and the mint's). The data is read in place without a borrow guard
/// (the checks run on every instruction that pays): a mutable borrow of it refuses the read
/// (`AccountBorrowFailed`), and the view ends with `read`, which sees only the token account.
#[inline(always)]
fn read_writable_of_mint<E: ErrorCode, R>(
    account: &AccountInfo,
    mint: &Pubkey,
    wrong_mint: E,
    read: impl FnOnce(&TokenAccount) -> R,
) -> Result<R, ProgramError> {
    account.check_writable()?;
    account.check_owner(&TOKEN_PROGRAM_ID)?;
    if account.is_borrowed(false) {
        return Err(ProgramError::AccountBorrowFailed);
    }
    // SAFETY: no mutable borrow of the data exists (checked above) and none is taken while the
    // view lives: it ends with this call, and `read` gets only the view.
    let data = unsafe { core::slice::from_raw_parts(account.data_ptr(), account.data_len()) };
    let token = match view::<TokenAccount>(data) {
        Some(token) if token.is_initialised() => token,
        _ => {
            return Err(reject(
                account,
                TokenAccount::NOT_INITIALISED,
                ProgramError::InvalidAccountData,
            ))
        }
    };
    if token.mint() != mint {
        log::log_pubkey(account.key());
        return Err(fail(wrong_mint));
    }
    Ok(read(token))
}

/// `read` of the initialised `T` at `account` (the checks of [`load`]), in place without a
/// borrow guard: a mutable borrow of the data refuses the read (`AccountBorrowFailed`), and
/// the view ends with `read`, which sees only the `T`.
#[inline(always)]
fn read_in_place<T: Packed, R>(
    account: &AccountInfo,
    read: impl FnOnce(&T) -> R,
) -> Result<R, ProgramError> {
    account.check_owner(&TOKEN_PROGRAM_ID)?;
    if account.is_borrowed(false) {
        return Err(ProgramError::AccountBorrowFailed);
    }
    // SAFETY: no mutable borrow of the data exists (checked above) and none is taken while the
    // view lives: it ends with this call, and `read` gets only the view.
    let data = unsafe { core::slice::from_raw_parts(account.data_ptr(), account.data_len()) };
    match view::<T>(data) {
        Some(t) if t.is_initialised() => Ok(read(t)),
        _ => Err(reject(
            account,
            T::NOT_INITIALISED,
            ProgramError::InvalidAccountData,
        )),
    }
}

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

/// The SPL Token account kinds read in place.
///
/// # Safety
/// The type has alignment 1, exactly `LEN` bytes, and every bit pattern is valid.
unsafe trait Packed: Sized {
    const LEN: usize;
    /// What `load` says when the account is not an initialised one.
    const NOT_INITIALISED: &'static str;
    fn is_initialised(&self) -> bool;
}

// SAFETY: byte arrays only (alignment 1), size asserted above, any bit pattern valid.
unsafe impl Packed for TokenAccount {
    const LEN: usize = TokenAccount::LEN;
    const NOT_INITIALISED: &'static str = "account is not an initialised token account";
    fn is_initialised(&self) -> bool {
        self.state() != AccountState::Uninitialized
    }
}

// SAFETY: as above.
unsafe impl Packed for Mint {
    const LEN: usize = Mint::LEN;
    const NOT_INITIALISED: &'static str = "account is not an initialised mint";
    fn is_initialised(&self) -> bool {
        self.is_initialized()
    }
}

fn view<T: Packed>(data: &[u8]) -> Option<&T> {
    if data.len() != T::LEN {
        return None;
    }
    // SAFETY: `T: Packed`: alignment 1, exactly `LEN` bytes, and every bit pattern is valid.
    Some(unsafe { &*(data.as_ptr() as *const T) })
}

fn load<T: Packed>(account: &AccountInfo) -> Result<Ref<'_, T>, ProgramError> {
    account.check_owner(&TOKEN_PROGRAM_ID)?;
    let loaded = Ref::try_map(account.try_borrow_data()?, |data| view::<T>(data).ok_or(()));
    match loaded {
        Ok(t) if t.is_initialised() => Ok(t),
        _ => Err(reject(
            account,
            T::NOT_INITIALISED,
            ProgramError::InvalidAccountData,
        )),
    }
}

/// An SPL `COption`: a 4-byte tag (1 = some) before the value.
fn option<'a>(tag: &[u8; 4], value: &'a Pubkey) -> Option<&'a Pubkey> {
    (u32::from_le_bytes(*tag) == 1).then_some(value)
}

impl TokenAccount {
    pub const LEN: usize = 165;

    /// Views `data` as a token account; `None` unless it is exactly 165 bytes.
    pub fn from_bytes(data: &[u8]) -> Option<&Self> {
        view(data)
    }

    /// Borrows `account` as an initialised token account, after checking the SPL Token program
    /// owns it.
    pub fn load(account: &AccountInfo) -> Result<Ref<'_, Self>, ProgramError> {
        load(account)
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

    /// The amount of the initialised token account at `account` (the checks of
    /// [`load`](Self::load)), read in place: no borrow guard taken and released.
    #[inline(always)]
    pub fn amount_of(account: &AccountInfo) -> Result<u64, ProgramError> {
        read_in_place(account, TokenAccount::amount)
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
        view(data)
    }

    /// Borrows `account` as an initialised mint, after checking the SPL Token program owns it.
    pub fn load(account: &AccountInfo) -> Result<Ref<'_, Self>, ProgramError> {
        load(account)
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
    pub const SET_AUTHORITY: u8 = 6;
}

/// `AuthorityType::MintTokens` of `SetAuthority`.
const MINT_TOKENS: u8 = 0;

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

/// The amount instructions (`Transfer`, `MintTo`, `Burn`): accounts `[writable, writable,
/// authority (signer)]`, data the tag and the amount.
#[inline(always)]
fn amount_call(
    tag: u8,
    accounts: [&AccountInfo; 3],
    amount: u64,
    signers: &[Signer],
) -> ProgramResult {
    call(
        &amount_metas(&accounts),
        &amount_data(tag, amount),
        &accounts,
        signers,
    )
}

#[inline(always)]
fn amount_metas<'a>(accounts: &[&'a AccountInfo; 3]) -> [AccountMeta<'a>; 3] {
    [
        AccountMeta::writable(accounts[0].key()),
        AccountMeta::writable(accounts[1].key()),
        AccountMeta::readonly_signer(accounts[2].key()),
    ]
}

/// Invokes the token program's instruction `data` taking `metas`, the accounts' views from
/// `infos`.
#[inline(always)]
fn call_in<const N: usize>(
    infos: &AccountInfos<N>,
    metas: &[AccountMeta],
    data: &[u8],
    signers: &[Signer],
) -> ProgramResult {
    let instruction = Instruction {
        program_id: &TOKEN_PROGRAM_ID,
        accounts: metas,
        data,
    };
    infos.invoke_signed(&instruction, signers)
}

/// Makes `new_authority` the mint authority of `mint`; `authority`, the current one, signs.
pub struct SetMintAuthority<'a> {
    pub mint: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub new_authority: &'a Pubkey,
}

impl SetMintAuthority<'_> {
    #[inline]
    pub fn invoke(&self) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.mint.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        let data = set_mint_authority_data(self.new_authority);
        let instruction = Instruction {
            program_id: &TOKEN_PROGRAM_ID,
            accounts: &metas,
            data: &data,
        };
        invoke_signed(&instruction, &[self.mint, self.authority], &[])
    }
}

/// Tag, authority type, `COption<Pubkey>` as a 1-byte tag (Some) and the key.
fn set_mint_authority_data(new_authority: &Pubkey) -> [u8; 35] {
    let mut data = [0u8; 35];
    data[0] = tag::SET_AUTHORITY;
    data[1] = MINT_TOKENS;
    data[2] = 1;
    data[3..].copy_from_slice(new_authority);
    data
}

/// Declares an amount instruction's CPI struct (`Transfer`, `MintTo`, `Burn`): its three
/// accounts in the instruction's order (the last is the signing authority) and the amount.
macro_rules! amount_instruction {
    ($(#[$doc:meta])* $name:ident, $tag:expr, [$first:ident, $second:ident, $authority:ident]) => {
        $(#[$doc])*
        pub struct $name<'a> {
            pub $first: &'a AccountInfo,
            pub $second: &'a AccountInfo,
            pub $authority: &'a AccountInfo,
            pub amount: u64,
        }

        impl $name<'_> {
            pub fn invoke(&self) -> ProgramResult {
                self.invoke_signed(&[])
            }

            pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
                amount_call(
                    $tag,
                    [self.$first, self.$second, self.$authority],
                    self.amount,
                    signers,
                )
            }

            /// [`invoke_signed`](Self::invoke_signed) with the accounts' views from `infos`,
            /// which holds all three (built once for several invocations).
            pub fn invoke_in<const N: usize>(
                &self,
                infos: &AccountInfos<N>,
                signers: &[Signer],
            ) -> ProgramResult {
                let metas = amount_metas(&[self.$first, self.$second, self.$authority]);
                call_in(infos, &metas, &amount_data($tag, self.amount), signers)
            }
        }
    };
}

amount_instruction!(
    /// Moves `amount` from `source` to `destination`; `authority` is the source's owner or delegate.
    Transfer,
    tag::TRANSFER,
    [source, destination, authority]
);

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

amount_instruction!(
    /// Mints `amount` to `account`; `authority` is the mint authority.
    MintTo,
    tag::MINT_TO,
    [mint, account, authority]
);

amount_instruction!(
    /// Burns `amount` from `account`; `authority` is its owner or delegate.
    Burn,
    tag::BURN,
    [account, mint, authority]
);

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

    /// [`invoke_signed`](Self::invoke_signed) with the accounts' views from `infos`, which
    /// holds all three (built once for several invocations).
    pub fn invoke_in<const N: usize>(
        &self,
        infos: &AccountInfos<N>,
        signers: &[Signer],
    ) -> ProgramResult {
        let metas = [
            AccountMeta::writable(self.account.key()),
            AccountMeta::writable(self.destination.key()),
            AccountMeta::readonly_signer(self.authority.key()),
        ];
        call_in(infos, &metas, &[tag::CLOSE_ACCOUNT], signers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Golden bytes: spl-token's TokenInstruction::SetAuthority { MintTokens, Some(key) }.pack().
    #[test]
    fn set_mint_authority_packs_like_spl_token() {
        let data = set_mint_authority_data(&[9; 32]);
        assert_eq!(&data[..3], &[6, 0, 1]);
        assert_eq!(&data[3..], &[9; 32]);
    }

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

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum TestError {
        WrongMint,
        WrongOwner,
    }

    impl ErrorCode for TestError {
        fn code(self) -> u32 {
            6000 + self as u32
        }
        fn name(self) -> &'static str {
            "TestError"
        }
        fn message(self) -> &'static str {
            "test"
        }
    }

    impl WrongMint for TestError {
        const WRONG_MINT: Self = TestError::WrongMint;
    }

    impl WrongOwner for TestError {
        const WRONG_OWNER: Self = TestError::WrongOwner;
    }

    #[test]
    fn token_account_checks_refuse_each_fault() {
        use crate::entrypoint::deserialize;
        use crate::testing::{AccountSpec, InputBuffer};
        use core::mem::MaybeUninit;

        let token = |data: Vec<u8>, owner: Pubkey, writable: bool| AccountSpec {
            key: [5; 32],
            owner,
            lamports: 1,
            data,
            signer: false,
            writable,
            executable: false,
        };
        let mut uninitialised = token_account_bytes();
        uninitialised[108] = 0;
        let specs = [
            token(token_account_bytes(), TOKEN_PROGRAM_ID, true),
            token(token_account_bytes(), TOKEN_PROGRAM_ID, false),
            token(token_account_bytes(), [7; 32], true),
            token(uninitialised, TOKEN_PROGRAM_ID, true),
            token(
                token_account_bytes()[..164].to_vec(),
                TOKEN_PROGRAM_ID,
                true,
            ),
        ];
        let mut buffer = InputBuffer::new(&specs, &[0, 1, 2, 3, 4], b"", &[0; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 5];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let [good, readonly, foreign, uninit, short] = input.accounts else {
            panic!()
        };
        let custom = |e: TestError| Err(ProgramError::Custom(e.code()));

        assert_eq!(
            check_token_account_mint_owner::<TestError>(good, &[1; 32], &[2; 32]),
            Ok(())
        );
        assert_eq!(
            check_token_account_mint::<TestError>(good, &[1; 32]),
            Ok(())
        );
        assert_eq!(
            token_account_owner::<TestError>(good, &[1; 32]),
            Ok([2; 32])
        );
        assert_eq!(TokenAccount::amount_of(good), Ok(1_234_567));
        assert_eq!(TokenAccount::amount_of(readonly), Ok(1_234_567));
        assert_eq!(
            TokenAccount::amount_of(foreign),
            Err(ProgramError::InvalidAccountOwner)
        );
        assert_eq!(
            TokenAccount::amount_of(uninit),
            Err(ProgramError::InvalidAccountData)
        );
        assert_eq!(
            check_token_account_mint_owner::<TestError>(good, &[9; 32], &[2; 32]),
            custom(TestError::WrongMint)
        );
        assert_eq!(
            check_token_account_mint_owner::<TestError>(good, &[1; 32], &[9; 32]),
            custom(TestError::WrongOwner)
        );
        assert_eq!(
            check_token_account_mint::<TestError>(readonly, &[1; 32]),
            Err(ProgramError::Immutable)
        );
        assert_eq!(
            check_token_account_mint::<TestError>(foreign, &[1; 32]),
            Err(ProgramError::InvalidAccountOwner)
        );
        for bad in [uninit, short] {
            assert_eq!(
                check_token_account_mint::<TestError>(bad, &[1; 32]),
                Err(ProgramError::InvalidAccountData)
            );
        }
        {
            let _shared = good.try_borrow_data().unwrap();
            assert_eq!(
                check_token_account_mint::<TestError>(good, &[1; 32]),
                Ok(())
            );
        }
        let _mutable = good.try_borrow_mut_data().unwrap();
        assert_eq!(
            check_token_account_mint::<TestError>(good, &[1; 32]),
            Err(ProgramError::AccountBorrowFailed)
        );
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
