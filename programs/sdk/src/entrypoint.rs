//! The program entrypoint: zero-copy parsing of the input buffer and the `entrypoint!` macro.
//!
//! Layout (Agave's aligned serialization, used by the upgradeable loader), all integers
//! little-endian:
//! ```text
//! u64 account count
//! per account, either
//!   a duplicate: u8 index of the earlier account, 7 bytes padding
//!   or:          u8 0xFF, u8 is_signer, u8 is_writable, u8 executable, 4 bytes padding,
//!                key[32], owner[32], u64 lamports, u64 data_len, data,
//!                10 KiB realloc space, padding to 8-byte alignment, u64 rent_epoch
//! u64 instruction data length, instruction data, program id[32]
//! ```

use core::mem::MaybeUninit;

use crate::account::{AccountHeader, AccountInfo, HEADER_LEN, MAX_PERMITTED_DATA_INCREASE};
use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::Pubkey;

/// What the runtime writes in the first byte of an account that is not a duplicate.
pub const NON_DUP_MARKER: u8 = 0xFF;

/// Accounts an `entrypoint!` accepts unless told otherwise.
pub const DEFAULT_MAX_ACCOUNTS: usize = 32;

/// An instruction handler: `(program_id, accounts, instruction_data)`.
pub type ProcessInstruction = fn(&Pubkey, &[AccountInfo], &[u8]) -> ProgramResult;

/// The parsed input: views into the runtime's buffer.
pub struct Input<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    pub data: &'a [u8],
}

/// Parses the input buffer, placing account views in `accounts`.
///
/// # Safety
/// `input` must point to a buffer in Agave's aligned serialization format, 8-byte aligned,
/// live and not otherwise accessed for `'a`.
pub unsafe fn deserialize<'a, const MAX: usize>(
    input: *mut u8,
    accounts: &'a mut [MaybeUninit<AccountInfo>; MAX],
) -> Result<Input<'a>, ProgramError> {
    // SAFETY: the buffer starts with the u64 account count (caller contract).
    let count = unsafe { (input as *const u64).read() } as usize;
    if count > MAX {
        return Err(too_many_accounts(count, MAX));
    }
    let views = accounts.as_mut_ptr() as *mut AccountInfo;
    // SAFETY: the first entry follows the count (caller contract).
    let mut entry = unsafe { input.add(8) };
    for i in 0..count {
        // SAFETY: `entry` stays on entry boundaries of the serialization (caller contract);
        // every entry starts with its duplicate marker byte.
        let marker = unsafe { *entry };
        let header = if marker == NON_DUP_MARKER {
            let header = entry as *mut AccountHeader;
            // SAFETY: a non-duplicate entry is a full header followed by its data, the realloc
            // space, padding to 8 bytes and the rent epoch.
            unsafe {
                let data_len = (*header).data_len as usize;
                entry = entry
                    .add(HEADER_LEN + MAX_PERMITTED_DATA_INCREASE + 8)
                    .add(align8(data_len));
            }
            header
        } else {
            let original = marker as usize;
            // The runtime only marks an account as a duplicate of an earlier one.
            if original >= i {
                return Err(ProgramError::InvalidArgument);
            }
            // SAFETY: a duplicate entry is 8 bytes; view `original < i` was written in an
            // earlier iteration.
            unsafe {
                entry = entry.add(8);
                (*views.add(original)).raw()
            }
        };
        // SAFETY: `i < count <= MAX`; `header` is a full header that lives as long as the buffer.
        unsafe { views.add(i).write(AccountInfo::from_raw(header)) };
    }
    // SAFETY: the instruction data length follows the last account, 8-byte aligned, then
    // `data_len` bytes of instruction data, then the 32-byte program id.
    let (data, program_id) = unsafe {
        let data_len = (entry as *const u64).read() as usize;
        let data = core::slice::from_raw_parts(entry.add(8), data_len);
        (data, &*(entry.add(8 + data_len) as *const Pubkey))
    };
    // SAFETY: the first `count` entries were initialised above.
    let accounts =
        unsafe { core::slice::from_raw_parts(accounts.as_ptr() as *const AccountInfo, count) };
    Ok(Input {
        program_id,
        accounts,
        data,
    })
}

const fn align8(len: usize) -> usize {
    (len + 7) & !7
}

#[cold]
#[inline(never)]
fn too_many_accounts(count: usize, max: usize) -> ProgramError {
    let mut line = crate::log::Line::<128>::new();
    line.push_str("too many accounts: ")
        .push_u64(count as u64)
        .push_str(" passed, this program accepts at most ")
        .push_u64(max as u64)
        .push_str("; pass fewer or raise the entrypoint! limit");
    line.log();
    ProgramError::InvalidArgument
}

/// Parses the input and runs `process`, returning what the runtime expects (0 on success).
///
/// # Safety
/// As [`deserialize`]: `input` is the runtime's input buffer.
#[inline(always)]
pub unsafe fn run<const MAX: usize>(input: *mut u8, process: ProcessInstruction) -> u64 {
    let mut accounts = [const { MaybeUninit::<AccountInfo>::uninit() }; MAX];
    // SAFETY: forwarded caller contract.
    let result = match unsafe { deserialize(input, &mut accounts) } {
        Ok(input) => process(input.program_id, input.accounts, input.data),
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => 0,
        Err(error) => error.to_u64(),
    }
}

/// Logs a panic's message and location, then aborts the instruction. Used by `entrypoint!`'s
/// panic handler.
#[cold]
pub fn report_panic(info: &core::panic::PanicInfo) -> ! {
    if let Some(message) = info.message().as_str() {
        crate::log::log(message);
    }
    match info.location() {
        // SAFETY: file name pointer and length come from a live `&str`.
        Some(at) => unsafe {
            crate::syscalls::sol_panic_(
                at.file().as_ptr(),
                at.file().len() as u64,
                at.line() as u64,
                at.column() as u64,
            )
        },
        // SAFETY: no arguments.
        None => unsafe { crate::syscalls::abort() },
    }
}

/// Declares the program's `entrypoint` symbol and its panic handler:
///
/// ```ignore
/// ionet_sdk::entrypoint!(process_instruction);      // at most 32 accounts
/// ionet_sdk::entrypoint!(process_instruction, 64);  // at most 64 accounts
///
/// fn process_instruction(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult
/// ```
/// The account views live in the entrypoint's stack frame (8 bytes each).
#[macro_export]
macro_rules! entrypoint {
    ($process:path) => {
        $crate::entrypoint!($process, $crate::entrypoint::DEFAULT_MAX_ACCOUNTS);
    };
    ($process:path, $max_accounts:expr) => {
        /// The program's entrypoint, called by the runtime with its serialized input.
        ///
        /// # Safety
        /// Only the runtime calls this, with a valid input buffer.
        #[cfg(target_arch = "bpf")]
        #[no_mangle]
        pub unsafe extern "C" fn entrypoint(input: *mut u8) -> u64 {
            // SAFETY: the runtime passes its aligned serialization of this instruction.
            unsafe { $crate::entrypoint::run::<{ $max_accounts }>(input, $process) }
        }

        #[cfg(target_arch = "bpf")]
        #[panic_handler]
        fn panic(info: &core::panic::PanicInfo) -> ! {
            $crate::entrypoint::report_panic(info)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{Ref, RefMut};
    use crate::testing::{AccountSpec, InputBuffer};

    #[test]
    fn parses_accounts_duplicates_data_and_program_id() {
        let specs = [
            AccountSpec {
                key: [1; 32],
                owner: [9; 32],
                lamports: 10,
                data: vec![],
                signer: true,
                writable: true,
                executable: false,
            },
            AccountSpec {
                key: [2; 32],
                owner: [8; 32],
                lamports: 20,
                data: vec![1, 2, 3, 4, 5],
                signer: false,
                writable: true,
                executable: false,
            },
            AccountSpec {
                key: [3; 32],
                owner: [7; 32],
                lamports: 30,
                data: vec![0xAB; 13],
                signer: false,
                writable: false,
                executable: true,
            },
        ];
        // Accounts 0, 1, 2, then 1 again as a duplicate.
        let mut buffer = InputBuffer::new(&specs, &[0, 1, 2, 1], b"instruction", &[0x42; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 8];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();

        assert_eq!(input.accounts.len(), 4);
        assert_eq!(input.data, b"instruction");
        assert_eq!(input.program_id, &[0x42; 32]);
        let want = [&specs[0], &specs[1], &specs[2], &specs[1]];
        for (account, spec) in input.accounts.iter().zip(want) {
            assert_eq!(account.key(), &spec.key);
            assert_eq!(account.owner(), spec.owner);
            assert!(account.is_owned_by(&spec.owner));
            assert_eq!(account.lamports(), spec.lamports);
            assert_eq!(account.is_signer(), spec.signer);
            assert_eq!(account.is_writable(), spec.writable);
            assert_eq!(account.executable(), spec.executable);
            assert_eq!(&*account.try_borrow_data().unwrap(), &spec.data[..]);
        }

        // The duplicate is the same account: writes through one view show through the other,
        // and a mutable borrow through one blocks borrows through the other.
        let (first, dup) = (&input.accounts[1], &input.accounts[3]);
        assert!(
            first.is(dup) && dup.is(first),
            "a duplicate is the same account"
        );
        assert!(!first.is(&input.accounts[0]) && !first.is(&input.accounts[2]));
        {
            let mut data = first.try_borrow_mut_data().unwrap();
            data[0] = 99;
            assert_eq!(
                dup.try_borrow_data().err(),
                Some(ProgramError::AccountBorrowFailed)
            );
            assert_eq!(
                dup.try_borrow_mut_data().err(),
                Some(ProgramError::AccountBorrowFailed)
            );
        }
        assert_eq!(dup.try_borrow_data().unwrap()[0], 99);
        dup.set_lamports(21);
        assert_eq!(first.lamports(), 21);
        assert_eq!(buffer.lamports_of(1), 21);
        assert_eq!(buffer.data_of(1)[0], 99);
    }

    #[test]
    fn shared_borrows_stack_and_release() {
        let specs = [AccountSpec::with_data(vec![7; 3])];
        let mut buffer = InputBuffer::new(&specs, &[0], b"", &[0; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 1];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let account = &input.accounts[0];
        let a = account.try_borrow_data().unwrap();
        let b = account.try_borrow_data().unwrap();
        assert_eq!(
            account.try_borrow_mut_data().err(),
            Some(ProgramError::AccountBorrowFailed)
        );
        assert!(account.is_borrowed(true));
        assert!(!account.is_borrowed(false));
        drop((a, b));
        assert!(!account.is_borrowed(true));
        let narrowed = Ref::map(account.try_borrow_data().unwrap(), |d| &d[1..]);
        assert_eq!(&*narrowed, &[7, 7]);
        drop(narrowed);

        let mut head = RefMut::map(account.try_borrow_mut_data().unwrap(), |d| &mut d[..2]);
        head[0] = 1;
        assert!(account.is_borrowed(false));
        drop(head);
        assert_eq!(&*account.try_borrow_data().unwrap(), &[1, 7, 7]);
        let too_far = RefMut::try_map(account.try_borrow_mut_data().unwrap(), |d| {
            d.get_mut(5..).ok_or(())
        });
        assert!(too_far.is_err());
        assert!(
            account.try_borrow_mut_data().is_ok(),
            "a failed try_map releases the borrow"
        );
    }

    #[test]
    fn data_lengths_around_alignment() {
        for len in [0usize, 1, 7, 8, 9, 15, 16, 165] {
            let specs = [
                AccountSpec::with_data(vec![1; len]),
                AccountSpec::with_data(vec![2; 3]),
            ];
            let mut buffer = InputBuffer::new(&specs, &[0, 1, 0], &[5, 6], &[3; 32]);
            let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 4];
            let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
            assert_eq!(input.accounts[0].data_len(), len, "len {len}");
            assert_eq!(
                &*input.accounts[1].try_borrow_data().unwrap(),
                &[2, 2, 2],
                "len {len}"
            );
            assert_eq!(input.data, &[5, 6]);
            assert_eq!(input.program_id, &[3; 32]);
        }
    }

    #[test]
    fn rejects_more_accounts_than_the_limit() {
        let specs = [
            AccountSpec::with_data(vec![]),
            AccountSpec::with_data(vec![]),
        ];
        let mut buffer = InputBuffer::new(&specs, &[0, 1], b"", &[0; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 1];
        let result = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) };
        assert_eq!(result.err(), Some(ProgramError::InvalidArgument));
    }

    #[test]
    fn run_maps_results() {
        fn ok(_: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
            assert_eq!((accounts.len(), data), (1, &b"x"[..]));
            Ok(())
        }
        fn custom(_: &Pubkey, _: &[AccountInfo], _: &[u8]) -> ProgramResult {
            Err(ProgramError::Custom(6001))
        }
        fn builtin(_: &Pubkey, _: &[AccountInfo], _: &[u8]) -> ProgramResult {
            Err(ProgramError::MissingRequiredSignature)
        }
        let cases: [(ProcessInstruction, u64); 3] = [(ok, 0), (custom, 6001), (builtin, 8 << 32)];
        for (process, want) in cases {
            let mut buffer =
                InputBuffer::new(&[AccountSpec::with_data(vec![])], &[0], b"x", &[0; 32]);
            assert_eq!(unsafe { run::<4>(buffer.as_mut_ptr(), process) }, want);
        }
    }
}
