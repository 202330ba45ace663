//! Zero-copy account layouts: a `#[repr(C)]` struct viewed in place over account data whose
//! first 8 bytes are the Anchor account discriminator.
//! (Generic: a candidate for the shared program library.)

use ionet_sdk::account::{Ref, RefMut};
use ionet_sdk::error::fail;
use ionet_sdk::{AccountInfo, ProgramError, Pubkey};

use crate::error::StakingError;

/// A fixed-size account layout.
///
/// # Safety
/// Implementors are `#[repr(C)]`, start with `discriminator: [u8; 8]`, have no implicit padding,
/// alignment at most 8, and only fields for which every bit pattern is valid (integers, byte
/// arrays, arrays and structs of those).
pub unsafe trait Layout: Sized {
    /// `sha256("account:<Name>")[..8]`.
    const DISCRIMINATOR: [u8; 8];
    /// Size of the account data.
    const LEN: usize = core::mem::size_of::<Self>();

    /// Views `data` as `Self` when its size, alignment and discriminator match.
    fn view(data: &[u8]) -> Option<&Self> {
        if data.len() != Self::LEN || data.as_ptr().align_offset(core::mem::align_of::<Self>()) != 0 || data[..8] != Self::DISCRIMINATOR {
            return None;
        }
        // SAFETY: size and alignment checked above; every bit pattern is valid (trait contract).
        Some(unsafe { &*(data.as_ptr() as *const Self) })
    }

    /// Mutable [`Layout::view`].
    fn view_mut(data: &mut [u8]) -> Option<&mut Self> {
        Self::view(data)?;
        // SAFETY: as in `view`; `data` is borrowed mutably for the returned lifetime.
        Some(unsafe { &mut *(data.as_mut_ptr() as *mut Self) })
    }

    /// Writes the discriminator into freshly created (zeroed) data and views it.
    fn init(data: &mut [u8]) -> Option<&mut Self> {
        if data.len() != Self::LEN {
            return None;
        }
        data[..8].copy_from_slice(&Self::DISCRIMINATOR);
        Self::view_mut(data)
    }

    /// Borrows `account`'s data as `Self` after checking `program_id` owns it.
    fn load<'a>(account: &'a AccountInfo, program_id: &Pubkey) -> Result<Ref<'a, Self>, ProgramError> {
        account.check_owner(program_id)?;
        Ref::try_map(account.try_borrow_data()?, |data| Self::view(data).ok_or_else(wrong_type))
    }

    /// Mutable [`Layout::load`], also checking the account is writable.
    fn load_mut<'a>(account: &'a AccountInfo, program_id: &Pubkey) -> Result<RefMut<'a, Self>, ProgramError> {
        account.check_owner(program_id)?;
        account.check_writable()?;
        let data = account.try_borrow_mut_data()?;
        if Self::view(&data).is_none() {
            return Err(wrong_type());
        }
        // SAFETY: `view` accepted these very bytes just above (size, alignment, discriminator).
        Ok(RefMut::map(data, |data| unsafe { &mut *(data.as_mut_ptr() as *mut Self) }))
    }
}

#[cold]
fn wrong_type() -> ProgramError {
    fail(StakingError::WrongAccountType)
}
