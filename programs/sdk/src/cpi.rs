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
    is_signer: bool,
    is_writable: bool,
    executable: bool,
}

impl SolAccountInfo {
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
                is_signer: account.is_signer(),
                is_writable: account.is_writable(),
                executable: account.executable(),
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
    let mut infos = [const { MaybeUninit::<SolAccountInfo>::uninit() }; N];
    for (info, account) in infos.iter_mut().zip(accounts) {
        if account.is_borrowed(account.is_writable()) {
            return Err(crate::check::reject(
                account,
                "account data is still borrowed: drop borrows before a CPI",
                ProgramError::AccountBorrowFailed,
            ));
        }
        info.write(SolAccountInfo::from_view(account));
    }
    let raw = SolInstruction {
        program_id: instruction.program_id,
        accounts: instruction.accounts.as_ptr(),
        accounts_len: instruction.accounts.len() as u64,
        data: instruction.data.as_ptr(),
        data_len: instruction.data.len() as u64,
    };
    // SAFETY: every pointer refers to live memory for the call: the instruction's metas and data,
    // the `N` account infos initialised above (pointing into the input buffer), and the signers'
    // seed arrays. The layouts are the runtime's C ABI.
    let status = unsafe {
        syscalls::sol_invoke_signed_c(
            &raw as *const SolInstruction as *const u8,
            infos.as_ptr() as *const u8,
            N as u64,
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

    #[test]
    fn c_layouts_match_the_runtime() {
        // Sizes from Agave's `SolAccountMeta`, `SolInstruction`, `SolAccountInfo`,
        // `SolSignerSeed(s)` definitions (64-bit pointers).
        assert_eq!(core::mem::size_of::<AccountMeta>(), 16);
        assert_eq!(core::mem::size_of::<SolInstruction>(), 40);
        assert_eq!(core::mem::size_of::<SolAccountInfo>(), 56);
        assert_eq!(core::mem::size_of::<Seed>(), 16);
        assert_eq!(core::mem::size_of::<Signer>(), 16);
        assert_eq!(core::mem::offset_of!(SolAccountInfo, is_signer), 48);
    }
}
