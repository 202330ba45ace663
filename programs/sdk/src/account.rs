//! Accounts as views into the runtime's input buffer: nothing is copied, reads and writes go
//! straight to the serialized account, which the runtime reads back after the instruction.
//!
//! Data borrows are tracked in the header's first byte (the runtime's duplicate marker, 0xFF for
//! every account the program sees through a view), like `RefCell`, so two views of one account
//! (the same account passed twice) cannot hand out aliasing mutable slices.

use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

use crate::error::ProgramError;
use crate::pubkey::Pubkey;

/// How many bytes a program may grow an account by in one instruction; the runtime reserves
/// this much space after each account's data in the input buffer.
pub const MAX_PERMITTED_DATA_INCREASE: usize = 10 * 1024;

/// Borrow state byte values. The runtime writes `UNBORROWED` (its "not a duplicate" marker).
const UNBORROWED: u8 = 0xFF;
const MUT_BORROWED: u8 = 0x00;
/// Shared borrows count down from `UNBORROWED`; this caps them well away from `MUT_BORROWED`.
const MAX_SHARED_BORROWS: u8 = 0x7F;

/// The fixed part of a serialized account, as Agave's aligned serialization lays it out.
#[repr(C)]
pub(crate) struct AccountHeader {
    pub(crate) borrow_state: u8,
    pub(crate) is_signer: u8,
    pub(crate) is_writable: u8,
    pub(crate) executable: u8,
    pub(crate) _padding: [u8; 4],
    pub(crate) key: Pubkey,
    pub(crate) owner: Pubkey,
    pub(crate) lamports: u64,
    pub(crate) data_len: u64,
}

/// Size of [`AccountHeader`]: the account's data starts this many bytes after its header.
pub(crate) const HEADER_LEN: usize = core::mem::size_of::<AccountHeader>();
const _: () = assert!(HEADER_LEN == 88);

/// A view of one instruction account. Obtained from the entrypoint; valid for the whole
/// instruction.
#[repr(transparent)]
pub struct AccountInfo {
    raw: *mut AccountHeader,
}

impl AccountInfo {
    /// # Safety
    /// `raw` must point to a serialized account header followed by `data_len` bytes of data,
    /// valid and not otherwise accessed for as long as the view is used.
    pub(crate) unsafe fn from_raw(raw: *mut AccountHeader) -> Self {
        Self { raw }
    }

    pub(crate) fn raw(&self) -> *mut AccountHeader {
        self.raw
    }

    fn header(&self) -> &AccountHeader {
        // SAFETY: `raw` points to a live header (constructor contract). The fields read through
        // this reference (flags, key, data_len) change only through runtime calls that take the
        // view (CPI), never while this short-lived reference exists.
        unsafe { &*self.raw }
    }

    pub fn key(&self) -> &Pubkey {
        &self.header().key
    }

    /// Whether `other` is the same account: `self.key() == other.key()` in one comparison. The
    /// runtime serializes each account of an instruction once and marks every later entry of
    /// the same key a duplicate, whose view shares the first entry's header.
    #[inline(always)]
    pub fn is(&self, other: &AccountInfo) -> bool {
        self.raw == other.raw
    }

    pub fn is_signer(&self) -> bool {
        self.header().is_signer != 0
    }

    pub fn is_writable(&self) -> bool {
        self.header().is_writable != 0
    }

    pub fn executable(&self) -> bool {
        self.header().executable != 0
    }

    /// The owning program. A copy: a CPI (for example the System program's `assign`) may change
    /// the owner while a reference would still be alive.
    pub fn owner(&self) -> Pubkey {
        // SAFETY: `raw` points to a live header; the read copies the field.
        unsafe { core::ptr::addr_of!((*self.raw).owner).read() }
    }

    /// Whether `program` owns this account, compared in place.
    pub fn is_owned_by(&self, program: &Pubkey) -> bool {
        // SAFETY: `raw` points to a live header; the reference does not outlive this call.
        unsafe { &*core::ptr::addr_of!((*self.raw).owner) == program }
    }

    /// Changes the owner.
    ///
    /// # Safety
    /// Only valid when this program owns the writable account and its data is zeroed (the
    /// runtime rejects the instruction otherwise), and no reference from [`Self::key`] or data
    /// borrow relies on the old owner.
    pub unsafe fn assign(&self, new_owner: &Pubkey) {
        // SAFETY: `raw` points to a live header; the caller upholds the runtime's rules.
        unsafe { core::ptr::addr_of_mut!((*self.raw).owner).write(*new_owner) }
    }

    pub fn lamports(&self) -> u64 {
        // SAFETY: `raw` points to a live, 8-aligned header; the read copies the value.
        unsafe { core::ptr::addr_of!((*self.raw).lamports).read() }
    }

    /// Sets the balance. The runtime checks after the instruction that lamports were only taken
    /// from writable accounts this program owns and that the total is unchanged.
    pub fn set_lamports(&self, lamports: u64) {
        // SAFETY: `raw` points to a live, 8-aligned header; no reference to the field exists.
        unsafe { core::ptr::addr_of_mut!((*self.raw).lamports).write(lamports) }
    }

    pub fn data_len(&self) -> usize {
        self.header().data_len as usize
    }

    pub fn data_is_empty(&self) -> bool {
        self.data_len() == 0
    }

    pub(crate) fn data_ptr(&self) -> *mut u8 {
        // SAFETY: the data follows the header directly (constructor contract).
        unsafe { (self.raw as *mut u8).add(HEADER_LEN) }
    }

    fn state(&self) -> *mut u8 {
        // SAFETY: `raw` points to a live header.
        unsafe { core::ptr::addr_of_mut!((*self.raw).borrow_state) }
    }

    /// Whether the data is borrowed mutably (`writable == false`) or at all (`writable == true`):
    /// the check a CPI makes before letting another program read or write the account.
    /// Nothing borrows the data.
    #[inline(always)]
    pub(crate) fn is_unborrowed(&self) -> bool {
        // SAFETY: `state` points into a live header.
        unsafe { *self.state() == UNBORROWED }
    }

    /// Marks the data mutably borrowed, for `cpi::AccountInfos`, when nothing borrows it: false
    /// (and nothing changed) otherwise. [`release_hold`](Self::release_hold) undoes it.
    #[inline(always)]
    pub(crate) fn hold(&self) -> bool {
        let state = self.state();
        // SAFETY: `state` points into a live header; single-threaded VM.
        unsafe {
            if *state != UNBORROWED {
                return false;
            }
            *state = MUT_BORROWED;
        }
        true
    }

    /// Ends a [`hold`](Self::hold).
    #[inline(always)]
    pub(crate) fn release_hold(&self) {
        // SAFETY: `state` points into a live header; single-threaded VM.
        unsafe { *self.state() = UNBORROWED }
    }

    pub(crate) fn is_borrowed(&self, writable: bool) -> bool {
        // SAFETY: `state` points into a live header.
        let state = unsafe { *self.state() };
        if writable {
            state != UNBORROWED
        } else {
            state == MUT_BORROWED
        }
    }

    /// Borrows the data for reading; fails with `AccountBorrowFailed` while it is borrowed
    /// mutably.
    pub fn try_borrow_data(&self) -> Result<Ref<'_, [u8]>, ProgramError> {
        let state = self.state();
        // SAFETY: `state` points into a live header; single-threaded VM.
        unsafe {
            if *state == MUT_BORROWED || UNBORROWED - *state >= MAX_SHARED_BORROWS {
                return Err(ProgramError::AccountBorrowFailed);
            }
            *state -= 1;
        }
        // SAFETY: no mutable borrow exists (checked above) and the data has `data_len` bytes.
        let data = unsafe { core::slice::from_raw_parts(self.data_ptr(), self.data_len()) };
        Ok(Ref {
            value: data,
            state,
            _not_send: PhantomData,
        })
    }

    /// Borrows the data for writing; fails with `AccountBorrowFailed` while it is borrowed.
    pub fn try_borrow_mut_data(&self) -> Result<RefMut<'_, [u8]>, ProgramError> {
        let state = self.state();
        // SAFETY: `state` points into a live header; single-threaded VM.
        unsafe {
            if *state != UNBORROWED {
                return Err(ProgramError::AccountBorrowFailed);
            }
            *state = MUT_BORROWED;
        }
        // SAFETY: no other borrow exists (checked above) and the data has `data_len` bytes.
        let data = unsafe { core::slice::from_raw_parts_mut(self.data_ptr(), self.data_len()) };
        Ok(RefMut {
            value: data,
            state,
            _not_send: PhantomData,
        })
    }
}

/// A shared borrow of account data (or a part of it, see [`Ref::map`]).
pub struct Ref<'a, T: ?Sized> {
    value: &'a T,
    state: *mut u8,
    _not_send: PhantomData<*mut u8>,
}

impl<'a, T: ?Sized> Ref<'a, T> {
    /// Narrows the borrow, e.g. from the whole data to a typed view of it.
    pub fn map<U: ?Sized>(this: Self, f: impl FnOnce(&T) -> &U) -> Ref<'a, U> {
        let this = core::mem::ManuallyDrop::new(this);
        Ref {
            value: f(this.value),
            state: this.state,
            _not_send: PhantomData,
        }
    }

    /// Like [`Ref::map`] for views that may not fit.
    pub fn try_map<U: ?Sized, E>(
        this: Self,
        f: impl FnOnce(&T) -> Result<&U, E>,
    ) -> Result<Ref<'a, U>, E> {
        let value = f(this.value)?;
        let this = core::mem::ManuallyDrop::new(this);
        Ok(Ref {
            value,
            state: this.state,
            _not_send: PhantomData,
        })
    }
}

impl<T: ?Sized> Deref for Ref<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
    }
}

impl<T: ?Sized> Drop for Ref<'_, T> {
    fn drop(&mut self) {
        // SAFETY: `state` points into the live header this borrow was counted in.
        unsafe { *self.state += 1 }
    }
}

/// A mutable borrow of account data.
pub struct RefMut<'a, T: ?Sized> {
    value: &'a mut T,
    state: *mut u8,
    _not_send: PhantomData<*mut u8>,
}

impl<'a, T: ?Sized> RefMut<'a, T> {
    /// Narrows the borrow, e.g. from the whole data to a typed view of it.
    pub fn map<U: ?Sized>(this: Self, f: impl FnOnce(&mut T) -> &mut U) -> RefMut<'a, U> {
        let (value, state) = Self::into_parts(this);
        RefMut {
            value: f(value),
            state,
            _not_send: PhantomData,
        }
    }

    /// Like [`RefMut::map`] for views that may not fit: on error the borrow is released.
    pub fn try_map<U: ?Sized, E>(
        this: Self,
        f: impl FnOnce(&mut T) -> Result<&mut U, E>,
    ) -> Result<RefMut<'a, U>, E> {
        let (value, state) = Self::into_parts(this);
        match f(value) {
            Ok(value) => Ok(RefMut {
                value,
                state,
                _not_send: PhantomData,
            }),
            Err(error) => {
                // SAFETY: `state` points into the live header this borrow was recorded in.
                unsafe { *state = UNBORROWED };
                Err(error)
            }
        }
    }

    /// Takes the reference and state out without running `Drop` (which would release the borrow).
    fn into_parts(this: Self) -> (&'a mut T, *mut u8) {
        let this = core::mem::ManuallyDrop::new(this);
        // SAFETY: `this` is never dropped or used again, so moving the reference out is sound.
        (unsafe { core::ptr::read(&this.value) }, this.state)
    }
}

impl<T: ?Sized> Deref for RefMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
    }
}

impl<T: ?Sized> DerefMut for RefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.value
    }
}

impl<T: ?Sized> Drop for RefMut<'_, T> {
    fn drop(&mut self) {
        // SAFETY: `state` points into the live header this borrow was recorded in.
        unsafe { *self.state = UNBORROWED }
    }
}
