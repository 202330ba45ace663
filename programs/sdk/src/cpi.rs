//! Cross-program invocation through `sol_invoke_signed_c`. The C-ABI structs point straight at
//! the account views in the input buffer (key, lamports, data, owner): nothing is copied, which
//! is also what the runtime requires under its stricter ABI checks.
//!
//! ```ignore
//! let bump = [vault_bump];
//! let seeds = [Seed::from(b"vault"), Seed::from(&bump)];
//! token::Transfer { source, destination, authority, amount }.invoke_signed(&[Signer::from(&seeds)])?;
//! ```

use core::marker::PhantomData;
use core::mem::MaybeUninit;

use crate::account::AccountInfo;
use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::Pubkey;
use crate::syscalls::{self, Bytes};

/// One account of the invoked instruction, in the runtime's C layout.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct AccountMeta<'a> {
    pubkey: *const Pubkey,
    is_writable: bool,
    is_signer: bool,
    _key: PhantomData<&'a Pubkey>,
}

impl<'a> AccountMeta<'a> {
    pub const fn new(pubkey: &'a Pubkey, is_writable: bool, is_signer: bool) -> Self {
        Self {
            pubkey,
            is_writable,
            is_signer,
            _key: PhantomData,
        }
    }

    pub const fn readonly(pubkey: &'a Pubkey) -> Self {
        Self::new(pubkey, false, false)
    }

    pub const fn writable(pubkey: &'a Pubkey) -> Self {
        Self::new(pubkey, true, false)
    }

    pub const fn readonly_signer(pubkey: &'a Pubkey) -> Self {
        Self::new(pubkey, false, true)
    }

    pub const fn writable_signer(pubkey: &'a Pubkey) -> Self {
        Self::new(pubkey, true, true)
    }
}

/// The instruction to invoke. `program_id` must be one of the caller's instruction accounts.
pub struct Instruction<'a, 'b> {
    pub program_id: &'a Pubkey,
    pub accounts: &'b [AccountMeta<'a>],
    pub data: &'b [u8],
}

/// A seed of a PDA signer.
pub type Seed<'a> = Bytes<'a>;

/// The seeds (bump included) of one PDA the caller signs for.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Signer<'a, 'b> {
    seeds: *const Seed<'a>,
    len: u64,
    _seeds: PhantomData<&'b [Seed<'a>]>,
}

impl<'a, 'b> From<&'b [Seed<'a>]> for Signer<'a, 'b> {
    fn from(seeds: &'b [Seed<'a>]) -> Self {
        Self {
            seeds: seeds.as_ptr(),
            len: seeds.len() as u64,
            _seeds: PhantomData,
        }
    }
}

impl<'a, 'b, const N: usize> From<&'b [Seed<'a>; N]> for Signer<'a, 'b> {
    fn from(seeds: &'b [Seed<'a>; N]) -> Self {
        Self::from(&seeds[..])
    }
}

/// Runs `f` with the PDA of `seeds` (its bump last) as the one signer: each program's
/// `as_config`-style helper is this with its own seeds.
#[inline(always)]
pub fn with_signer<R, const N: usize>(seeds: [&[u8]; N], f: impl FnOnce(&[Signer]) -> R) -> R {
    let seeds = seeds.map(Seed::new);
    f(&[Signer::from(&seeds)])
}

/// A CPI's account metas and the account infos passed along, from one list in the invoked
/// instruction's order: each entry is an [`AccountMeta`] constructor and the `&AccountInfo` it
/// takes (read twice: name a place, not a call).
///
/// ```ignore
/// let (metas, accounts) = cpi_accounts![readonly_signer(authority), writable(vault)];
/// ```
#[macro_export]
macro_rules! cpi_accounts {
    ($($kind:ident($account:expr)),* $(,)?) => {
        (
            [$($crate::cpi::AccountMeta::$kind($account.key())),*],
            [$($account),*],
        )
    };
}

/// Invokes `program`'s instruction `data` taking `metas`, passing `accounts` along and signing for
/// `signers`.
#[inline(always)]
pub fn invoke_program<const N: usize>(
    program: &AccountInfo,
    metas: &[AccountMeta],
    data: &[u8],
    accounts: &[&AccountInfo; N],
    signers: &[Signer],
) -> ProgramResult {
    let instruction = Instruction {
        program_id: program.key(),
        accounts: metas,
        data,
    };
    invoke_signed(&instruction, accounts, signers)
}

#[repr(C)]
struct SolInstruction<'a> {
    program_id: *const Pubkey,
    accounts: *const AccountMeta<'a>,
    accounts_len: u64,
    data: *const u8,
    data_len: u64,
}

#[repr(C)]
struct SolAccountInfo {
    key: *const Pubkey,
    lamports: *mut u64,
    data_len: u64,
    data: *mut u8,
    owner: *const Pubkey,
    rent_epoch: u64,
    /// `is_signer`, `is_writable`, `executable` (one byte each, 0 or 1) and a padding byte:
    /// the header's flag bytes copied as they are, in one load and one store.
    flags: u32,
}

impl SolAccountInfo {
    #[inline(always)]
    fn from_view(account: &AccountInfo) -> Self {
        let header = account.raw();
        // SAFETY: `header` points to the live serialized account; only field addresses are taken.
        unsafe {
            Self {
                key: core::ptr::addr_of!((*header).key),
                lamports: core::ptr::addr_of_mut!((*header).lamports),
                data_len: (*header).data_len,
                data: account.data_ptr(),
                owner: core::ptr::addr_of!((*header).owner),
                // Current runtimes ignore it; u64::MAX is what every rent-exempt account holds.
                rent_epoch: u64::MAX,
                // The header's first word is the borrow state then the three flags (the
                // runtime serializes each flag as 0 or 1, in this order).
                flags: (header as *const u32).read() >> 8,
            }
        }
    }
}

/// Invokes `instruction`, passing `accounts` (every account the instruction names, in any order).
pub fn invoke<const N: usize>(
    instruction: &Instruction,
    accounts: &[&AccountInfo; N],
) -> ProgramResult {
    invoke_signed(instruction, accounts, &[])
}

/// Invokes `instruction` with the caller signing for the PDAs given by `signers`.
///
/// Fails with `AccountBorrowFailed` when a passed account's data is still borrowed in a way the
/// callee could break (any borrow of a writable account, a mutable borrow of a read-only one):
/// drop data borrows before invoking.
pub fn invoke_signed<const N: usize>(
    instruction: &Instruction,
    accounts: &[&AccountInfo; N],
    signers: &[Signer],
) -> ProgramResult {
    invoke_signed_first(instruction, accounts, N, signers)
}

/// [`invoke_signed`] passing only the first `len` of `accounts` (all of them when `len >= N`):
/// a CPI whose optional trailing accounts are absent describes nothing in their place (about
/// 35 CU an account).
#[inline(always)]
pub fn invoke_signed_first<const N: usize>(
    instruction: &Instruction,
    accounts: &[&AccountInfo; N],
    len: usize,
    signers: &[Signer],
) -> ProgramResult {
    let len = len.min(N);
    let mut infos = [const { MaybeUninit::<SolAccountInfo>::uninit() }; N];
    // Over the constant `N`, leaving at `len`: unrolled, one comparison an account.
    for (i, (info, account)) in infos.iter_mut().zip(accounts).enumerate() {
        if i == len {
            break;
        }
        // One comparison while nothing borrows the data (the usual case).
        if !account.is_unborrowed() {
            check_unborrowed(account)?;
        }
        info.write(SolAccountInfo::from_view(account));
    }
    // SAFETY: the first `len` infos were initialised above and point into the input buffer.
    unsafe {
        invoke_raw(
            instruction,
            infos.as_ptr() as *const SolAccountInfo,
            len,
            signers,
        )
    }
}

/// The runtime's views of a set of accounts (at most `MAX`), built once for several invocations
/// that pass the same accounts (payments, a refund and a close out of one escrow): each
/// invocation names the accounts it uses in its metas and the runtime finds them in the set by
/// key, so an account that several invocations take is described once instead of once per
/// invocation.
///
/// The set holds each account's data as a mutable borrow while it lives (the rule of
/// [`invoke_signed`] checked once, when the account joins): a borrow the program tries to take
/// meanwhile fails with `AccountBorrowFailed`, so no invocation needs to check again. Dropping the
/// set releases them.
pub struct AccountInfos<'a, const MAX: usize> {
    len: usize,
    accounts: [MaybeUninit<&'a AccountInfo>; MAX],
    infos: [MaybeUninit<SolAccountInfo>; MAX],
}

impl<'a, const MAX: usize> Default for AccountInfos<'a, MAX> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a, const MAX: usize> AccountInfos<'a, MAX> {
    /// An empty set.
    #[inline(always)]
    pub const fn new() -> Self {
        Self {
            len: 0,
            accounts: [const { MaybeUninit::uninit() }; MAX],
            infos: [const { MaybeUninit::uninit() }; MAX],
        }
    }

    /// Adds `account` and holds its data borrowed until the set drops: `AccountBorrowFailed`
    /// (logged) when its data is borrowed already (an account the set holds is not added
    /// twice), `InvalidArgument` (logged) when the set already holds `MAX`.
    #[inline(always)]
    pub fn push(&mut self, account: &'a AccountInfo) -> ProgramResult {
        if !account.hold() {
            if self
                .accounts()
                .iter()
                .any(|held| held.raw() == account.raw())
            {
                return Ok(()); // a duplicate of an account in the set: described already
            }
            return Err(still_borrowed(account));
        }
        if self.len == MAX {
            account.release_hold();
            crate::log::log("AccountInfos full: raise its capacity");
            return Err(ProgramError::InvalidArgument);
        }
        self.accounts[self.len].write(account);
        self.infos[self.len].write(SolAccountInfo::from_view(account));
        self.len += 1;
        Ok(())
    }

    /// The accounts pushed.
    #[inline(always)]
    fn accounts(&self) -> &[&'a AccountInfo] {
        // SAFETY: the first `len` entries were written by `push`.
        unsafe {
            core::slice::from_raw_parts(self.accounts.as_ptr() as *const &AccountInfo, self.len)
        }
    }

    /// Invokes `instruction`, whose accounts are all in the set, signing for `signers`.
    #[inline(always)]
    pub fn invoke_signed(&self, instruction: &Instruction, signers: &[Signer]) -> ProgramResult {
        // SAFETY: the first `len` infos were built by `push`, pointing into the input buffer,
        // and the set holds their data: no borrow of it lives.
        unsafe {
            invoke_raw(
                instruction,
                self.infos.as_ptr() as *const SolAccountInfo,
                self.len,
                signers,
            )
        }
    }
}

impl<const MAX: usize> Drop for AccountInfos<'_, MAX> {
    #[inline(always)]
    fn drop(&mut self) {
        for account in self.accounts() {
            account.release_hold();
        }
    }
}

#[cold]
#[inline(never)]
fn still_borrowed(account: &AccountInfo) -> ProgramError {
    crate::check::reject(
        account,
        "account data is still borrowed: drop borrows before a CPI",
        ProgramError::AccountBorrowFailed,
    )
}

/// `AccountBorrowFailed` (logged) when `account`'s data is borrowed in a way a callee could
/// break: any borrow of a writable account, a mutable borrow of a read-only one.
#[inline(always)]
fn check_unborrowed(account: &AccountInfo) -> ProgramResult {
    if account.is_borrowed(account.is_writable()) {
        return Err(still_borrowed(account));
    }
    Ok(())
}

/// # Safety
/// `infos` points to `len` initialised views of accounts whose data no live borrow covers in a
/// way the callee could break.
#[inline(always)]
unsafe fn invoke_raw(
    instruction: &Instruction,
    infos: *const SolAccountInfo,
    len: usize,
    signers: &[Signer],
) -> ProgramResult {
    let raw = SolInstruction {
        program_id: instruction.program_id,
        accounts: instruction.accounts.as_ptr(),
        accounts_len: instruction.accounts.len() as u64,
        data: instruction.data.as_ptr(),
        data_len: instruction.data.len() as u64,
    };
    // SAFETY: every pointer refers to live memory for the call: the instruction's metas and data,
    // the caller's account infos (pointing into the input buffer), and the signers' seed arrays.
    // The layouts are the runtime's C ABI.
    let status = unsafe {
        syscalls::sol_invoke_signed_c(
            &raw as *const SolInstruction as *const u8,
            infos as *const u8,
            len as u64,
            signers.as_ptr() as *const u8,
            signers.len() as u64,
        )
    };
    match status {
        0 => Ok(()),
        code => Err(ProgramError::from_u64(code)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entrypoint::deserialize;
    use crate::testing::{AccountSpec, InputBuffer};

    fn spec(key: u8, signer: bool, writable: bool, executable: bool) -> AccountSpec {
        AccountSpec {
            key: [key; 32],
            owner: [9; 32],
            lamports: key as u64,
            data: vec![key; 5],
            signer,
            writable,
            executable,
        }
    }

    #[test]
    fn account_infos_describe_each_account_once_and_hold_their_data() {
        let specs = [
            spec(1, true, true, false),
            spec(2, false, false, true),
            spec(3, false, true, false),
            spec(4, false, true, false),
        ];
        // Account 0 comes twice: the second entry is the runtime's duplicate of the first.
        let mut buffer = InputBuffer::new(&specs, &[0, 1, 2, 3, 0], b"", &[0x42; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 5];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let [a, b, c, d, a_again] = input.accounts else {
            panic!()
        };

        {
            // An account whose data is borrowed does not join.
            let _borrowed = b.try_borrow_data().unwrap();
            let mut infos = AccountInfos::<3>::new();
            assert_eq!(infos.push(b), Err(ProgramError::AccountBorrowFailed));
        }

        let mut infos = AccountInfos::<3>::new();
        for account in [a, b, c] {
            infos.push(account).unwrap();
        }
        assert_eq!(infos.push(a_again), Ok(()), "a duplicate is described once");
        assert_eq!(infos.len, 3);
        assert_eq!(infos.push(d), Err(ProgramError::InvalidArgument), "full");
        assert!(
            d.try_borrow_mut_data().is_ok(),
            "a refused account is not held"
        );
        for (i, account) in [a, b, c].into_iter().enumerate() {
            // SAFETY: the three were pushed above.
            let info = unsafe { infos.infos[i].assume_init_ref() };
            assert_eq!(unsafe { *info.key }, *account.key());
            assert_eq!(unsafe { *info.lamports }, account.lamports());
            assert_eq!(info.data_len, 5);
            let flags = info.flags.to_le_bytes();
            let want = [
                account.is_signer() as u8,
                account.is_writable() as u8,
                account.executable() as u8,
                0,
            ];
            assert_eq!(flags, want);
            // While the set lives, the program cannot borrow the data a callee may change.
            assert_eq!(
                account.try_borrow_data().err(),
                Some(ProgramError::AccountBorrowFailed)
            );
        }
        assert!(
            a_again.try_borrow_data().is_err(),
            "nor through a duplicate"
        );

        let metas = [AccountMeta::writable(a.key())];
        let instruction = Instruction {
            program_id: &[7; 32],
            accounts: &metas,
            data: &[],
        };
        // The call reaches the syscall (which the host build does not provide).
        let result = infos.invoke_signed(&instruction, &[]);
        assert!(result.is_err());
        assert_ne!(result, Err(ProgramError::AccountBorrowFailed));

        drop(infos);
        for account in [a, b, c, d, a_again] {
            assert!(account.try_borrow_mut_data().is_ok(), "released");
        }
    }

    #[test]
    fn c_layouts_match_the_runtime() {
        // Sizes from Agave's `SolAccountMeta`, `SolInstruction`, `SolAccountInfo`,
        // `SolSignerSeed(s)` definitions (64-bit pointers).
        assert_eq!(core::mem::size_of::<AccountMeta>(), 16);
        assert_eq!(core::mem::size_of::<SolInstruction>(), 40);
        assert_eq!(core::mem::size_of::<SolAccountInfo>(), 56);
        assert_eq!(core::mem::size_of::<Seed>(), 16);
        assert_eq!(core::mem::size_of::<Signer>(), 16);
        assert_eq!(core::mem::offset_of!(SolAccountInfo, flags), 48);
    }
}
