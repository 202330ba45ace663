//! Zero-copy program state: a `#[repr(C)]` struct viewed in place over account data whose first
//! 8 bytes are its Anchor account discriminator (`sha256("account:<Name>")[..8]`).
//!
//! ```ignore
//! #[repr(C)]
//! pub struct StakePool { pub discriminator: [u8; 8], pub total_staked: u64, pub authority: Pubkey }
//! // SAFETY: repr(C), discriminator first, no padding, integers and byte arrays only.
//! unsafe impl Layout for StakePool {
//!     const DISCRIMINATOR: [u8; 8] = discriminator::account("StakePool");
//! }
//! let mut pool = StakePool::load_mut(pool_account, program_id)?;
//! pool.total_staked = math::checked_add(pool.total_staked, amount).ok_or(ProgramError::ArithmeticOverflow)?;
//! ```
//! Account data in the input buffer starts 8-byte aligned, so `u64` fields can be used directly.
//!
//! A program that reports a wrong account type with its own error code overrides
//! [`Layout::wrong_type`]:
//! ```ignore
//! unsafe impl Layout for StakePool {
//!     const DISCRIMINATOR: [u8; 8] = discriminator::account("StakePool");
//!     fn wrong_type(_account: &AccountInfo) -> ProgramError {
//!         error::fail(StakingError::WrongAccountType)
//!     }
//! }
//! ```

use crate::account::{AccountInfo, Ref, RefMut};
use crate::check::reject;
use crate::error::ProgramError;
use crate::pubkey::Pubkey;

/// A fixed-size account layout.
///
/// # Safety
/// Implementors are `#[repr(C)]`, start with `discriminator: [u8; 8]`, have no implicit padding,
/// alignment at most 8, and only fields for which every bit pattern is valid (integers, byte
/// arrays, and arrays or structs of those: no `bool`, `char`, enums or references).
pub unsafe trait Layout: Sized {
    /// `discriminator::account("<Name>")`.
    const DISCRIMINATOR: [u8; 8];
    /// Size of the account data.
    const LEN: usize = core::mem::size_of::<Self>();

    /// The error [`Layout::load`], [`Layout::load_mut`] and [`Layout::init`] return when the data
    /// is not `Self` (wrong size, alignment or discriminator). By default it logs the problem and
    /// the account's key and returns `InvalidAccountData`; override it to return (and log) the
    /// program's own error instead. Runs on the failure path only.
    // Always inlined: the default is then a direct call of the one shared, cold `wrong_type`,
    // not a copy per account type.
    #[inline(always)]
    fn wrong_type(account: &AccountInfo) -> ProgramError {
        wrong_type(account)
    }

    /// Views `data` as `Self` when its size, alignment and discriminator match.
    fn view(data: &[u8]) -> Option<&Self> {
        if !fits::<Self>(data) || data[..8] != Self::DISCRIMINATOR {
            return None;
        }
        // SAFETY: size and alignment checked; every bit pattern is valid (trait contract).
        Some(unsafe { &*(data.as_ptr() as *const Self) })
    }

    /// Mutable [`Layout::view`].
    fn view_mut(data: &mut [u8]) -> Option<&mut Self> {
        Self::view(data)?;
        // SAFETY: as in `view`; `data` is borrowed mutably for the returned lifetime.
        Some(unsafe { &mut *(data.as_mut_ptr() as *mut Self) })
    }

    /// Borrows `account` as `Self` after checking that `program_id` owns it.
    #[inline(always)]
    fn load<'a>(
        account: &'a AccountInfo,
        program_id: &Pubkey,
    ) -> Result<Ref<'a, Self>, ProgramError> {
        account.check_owner(program_id)?;
        Ref::try_map(account.try_borrow_data()?, |data| {
            Self::view(data).ok_or(())
        })
        .map_err(|()| Self::wrong_type(account))
    }

    /// Mutable [`Layout::load`], also checking the account is writable.
    #[inline(always)]
    fn load_mut<'a>(
        account: &'a AccountInfo,
        program_id: &Pubkey,
    ) -> Result<RefMut<'a, Self>, ProgramError> {
        account.check_owner(program_id)?;
        account.check_writable()?;
        RefMut::try_map(account.try_borrow_mut_data()?, |data| {
            Self::view_mut(data).ok_or(())
        })
        .map_err(|()| Self::wrong_type(account))
    }

    /// Writes the discriminator into a freshly created account (owned by `program_id`, writable,
    /// exactly [`Layout::LEN`] bytes, discriminator still zero) and borrows it as `Self`.
    fn init<'a>(
        account: &'a AccountInfo,
        program_id: &Pubkey,
    ) -> Result<RefMut<'a, Self>, ProgramError> {
        account.check_owner(program_id)?;
        account.check_writable()?;
        account.check_data_len(Self::LEN)?;
        let mut data = account.try_borrow_mut_data()?;
        if data[..8] != [0; 8] {
            drop(data);
            return Err(reject(
                account,
                "account is already initialised",
                ProgramError::AccountAlreadyInitialized,
            ));
        }
        data[..8].copy_from_slice(&Self::DISCRIMINATOR);
        RefMut::try_map(data, |data| Self::view_mut(data).ok_or(()))
            .map_err(|()| Self::wrong_type(account))
    }
}

fn fits<T>(data: &[u8]) -> bool {
    data.len() == core::mem::size_of::<T>()
        && data.len() >= 8
        && (data.as_ptr() as usize).is_multiple_of(core::mem::align_of::<T>())
}

#[cold]
fn wrong_type(account: &AccountInfo) -> ProgramError {
    reject(
        account,
        "account data is not the expected account type",
        ProgramError::InvalidAccountData,
    )
}

#[cfg(test)]
mod tests {
    use core::mem::MaybeUninit;

    use super::*;
    use crate::discriminator;
    use crate::entrypoint::deserialize;
    use crate::testing::{AccountSpec, InputBuffer};

    #[repr(C)]
    struct Pool {
        discriminator: [u8; 8],
        total: u64,
        authority: Pubkey,
    }

    // SAFETY: repr(C), discriminator first, 8 + 8 + 32 bytes without padding, plain data.
    unsafe impl Layout for Pool {
        const DISCRIMINATOR: [u8; 8] = discriminator::account("Pool");
    }

    /// `Pool`'s twin reporting a wrong type with a program's own error.
    #[repr(C)]
    struct Custom {
        discriminator: [u8; 8],
        total: u64,
    }

    // SAFETY: repr(C), discriminator first, 8 + 8 bytes without padding, plain data.
    unsafe impl Layout for Custom {
        const DISCRIMINATOR: [u8; 8] = discriminator::account("Custom");
        fn wrong_type(_account: &AccountInfo) -> ProgramError {
            ProgramError::Custom(6008)
        }
    }

    const PROGRAM: Pubkey = [7; 32];

    fn spec(data: Vec<u8>, owner: Pubkey, writable: bool) -> AccountSpec {
        AccountSpec {
            owner,
            data,
            writable,
            ..AccountSpec::default()
        }
    }

    #[test]
    fn init_load_and_mutate_in_place() {
        let specs = [spec(vec![0; Pool::LEN], PROGRAM, true)];
        let mut buffer = InputBuffer::new(&specs, &[0], b"", &PROGRAM);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 1];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let account = &input.accounts[0];

        assert_eq!(
            Pool::load(account, &PROGRAM).err(),
            Some(ProgramError::InvalidAccountData)
        );
        {
            let mut pool = Pool::init(account, &PROGRAM).unwrap();
            pool.total = 5;
            pool.authority = [9; 32];
        }
        assert_eq!(
            Pool::init(account, &PROGRAM).err(),
            Some(ProgramError::AccountAlreadyInitialized)
        );
        Pool::load_mut(account, &PROGRAM).unwrap().total += 1;
        let pool = Pool::load(account, &PROGRAM).unwrap();
        assert_eq!((pool.total, pool.authority), (6, [9; 32]));
        drop(pool);
        assert_eq!(&buffer.data_of(0)[..8], &Pool::DISCRIMINATOR);
        assert_eq!(&buffer.data_of(0)[8..16], &6u64.to_le_bytes());
    }

    #[test]
    fn rejects_wrong_accounts() {
        let mut initialised = vec![0; Pool::LEN];
        initialised[..8].copy_from_slice(&Pool::DISCRIMINATOR);
        let mut other_type = initialised.clone();
        other_type[0] ^= 1;
        let specs = [
            spec(initialised.clone(), [1; 32], true),
            spec(initialised.clone(), PROGRAM, false),
            spec(other_type, PROGRAM, true),
            spec(initialised[..Pool::LEN - 1].to_vec(), PROGRAM, true),
        ];
        let mut buffer = InputBuffer::new(&specs, &[0, 1, 2, 3], b"", &PROGRAM);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 4];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let a = input.accounts;
        let cases = [
            (
                "foreign owner",
                Pool::load(&a[0], &PROGRAM).err(),
                ProgramError::InvalidAccountOwner,
            ),
            (
                "read-only",
                Pool::load_mut(&a[1], &PROGRAM).err(),
                ProgramError::Immutable,
            ),
            (
                "other type",
                Pool::load(&a[2], &PROGRAM).err(),
                ProgramError::InvalidAccountData,
            ),
            (
                "short data",
                Pool::load(&a[3], &PROGRAM).err(),
                ProgramError::InvalidAccountData,
            ),
            (
                "init short data",
                Pool::init(&a[3], &PROGRAM).err(),
                ProgramError::InvalidAccountData,
            ),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, Some(want), "{name}");
        }
        let wrong_type = Some(ProgramError::Custom(6008));
        assert_eq!(
            Custom::load(&a[2], &PROGRAM).err(),
            wrong_type,
            "overridden wrong_type"
        );
        assert_eq!(
            Custom::load_mut(&a[2], &PROGRAM).err(),
            wrong_type,
            "overridden, mutable"
        );
        assert_eq!(
            Custom::load(&a[0], &PROGRAM).err(),
            Some(ProgramError::InvalidAccountOwner),
            "the override leaves the owner check alone"
        );
        // Failed loads release their borrows.
        assert!(a[2].try_borrow_mut_data().is_ok());
    }
}
