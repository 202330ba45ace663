//! Account checks to run before any effect. Each returns the error Agave programs use for the
//! failure and, on failure only, logs what was wrong and which account (by key).

use crate::account::AccountInfo;
use crate::error::{fail, ErrorCode, ProgramError, ProgramResult};
use crate::log;
use crate::pubkey::{Pubkey, SYSTEM_PROGRAM_ID};

impl AccountInfo {
    /// The account is the writable account `expected`, an address the program recorded earlier
    /// (a vault in its config, a job's escrow, a mint): else `error` (logged, with the key).
    #[inline]
    pub fn check_recorded<E: ErrorCode>(&self, expected: &Pubkey, error: E) -> ProgramResult {
        if self.key() != expected {
            log::log_pubkey(self.key());
            return Err(fail(error));
        }
        self.check_writable()
    }

    /// The account signed the transaction (or was signed for by its PDA's program).
    #[inline]
    pub fn check_signer(&self) -> ProgramResult {
        if self.is_signer() {
            return Ok(());
        }
        Err(reject(
            self,
            "account must sign the transaction",
            ProgramError::MissingRequiredSignature,
        ))
    }

    /// The account was passed writable.
    #[inline]
    pub fn check_writable(&self) -> ProgramResult {
        if self.is_writable() {
            return Ok(());
        }
        Err(reject(
            self,
            "account must be passed as writable",
            ProgramError::Immutable,
        ))
    }

    /// `owner` owns the account.
    #[inline]
    pub fn check_owner(&self, owner: &Pubkey) -> ProgramResult {
        if self.is_owned_by(owner) {
            return Ok(());
        }
        Err(reject(
            self,
            "account is owned by the wrong program",
            ProgramError::InvalidAccountOwner,
        ))
    }

    /// The account is exactly `key`.
    #[inline]
    pub fn check_key(&self, key: &Pubkey) -> ProgramResult {
        if self.key() == key {
            return Ok(());
        }
        Err(reject(
            self,
            "account is not the expected address",
            ProgramError::InvalidArgument,
        ))
    }

    /// The account is `program` and executable: the check before a CPI into it.
    #[inline]
    pub fn check_program(&self, program: &Pubkey) -> ProgramResult {
        if self.key() == program && self.executable() {
            return Ok(());
        }
        Err(reject(
            self,
            "account is not the expected program",
            ProgramError::IncorrectProgramId,
        ))
    }

    /// The account holds a deployed program.
    #[inline]
    pub fn check_executable(&self) -> ProgramResult {
        if self.executable() {
            return Ok(());
        }
        Err(reject(
            self,
            "account must be an executable program",
            ProgramError::IncorrectProgramId,
        ))
    }

    /// The account's data is exactly `len` bytes.
    #[inline]
    pub fn check_data_len(&self, len: usize) -> ProgramResult {
        if self.data_len() == len {
            return Ok(());
        }
        Err(reject(
            self,
            "account data has the wrong length",
            ProgramError::InvalidAccountData,
        ))
    }

    /// The account's data is at least `len` bytes.
    #[inline]
    pub fn check_min_data_len(&self, len: usize) -> ProgramResult {
        if self.data_len() >= len {
            return Ok(());
        }
        Err(reject(
            self,
            "account data is too small",
            ProgramError::AccountDataTooSmall,
        ))
    }

    /// The account holds no data and the System program owns it: free to be created. It may
    /// hold lamports (anyone can send lamports to any address); an address nobody has used
    /// reads as System-owned with no lamports.
    #[inline]
    pub fn check_uninitialized(&self) -> ProgramResult {
        if self.data_is_empty() && self.is_owned_by(&SYSTEM_PROGRAM_ID) {
            return Ok(());
        }
        Err(reject(
            self,
            "account already exists",
            ProgramError::AccountAlreadyInitialized,
        ))
    }
}

/// Logs `problem` and the account's key; kept out of line so the success paths stay small.
#[cold]
#[inline(never)]
pub(crate) fn reject(account: &AccountInfo, problem: &str, error: ProgramError) -> ProgramError {
    log::log(problem);
    log::log_pubkey(account.key());
    error
}

#[cfg(test)]
mod tests {
    use core::mem::MaybeUninit;

    use super::*;
    use crate::entrypoint::deserialize;
    use crate::testing::{AccountSpec, InputBuffer};

    #[test]
    fn checks_pass_and_fail_with_the_right_error() {
        let owner = [5u8; 32];
        let signer = AccountSpec {
            key: [1; 32],
            owner,
            lamports: 1,
            data: vec![0; 8],
            signer: true,
            writable: true,
            executable: false,
        };
        // System-owned, no data, some lamports: a pre-funded address, still free to create.
        let plain = AccountSpec {
            key: [2; 32],
            owner: SYSTEM_PROGRAM_ID,
            lamports: 1_000_000,
            data: vec![],
            signer: false,
            writable: false,
            executable: true,
        };
        let mut buffer = InputBuffer::new(&[signer, plain], &[0, 1], b"", &[0; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 2];
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let (a, b) = (&input.accounts[0], &input.accounts[1]);

        use ProgramError::*;
        let passes = [
            ("signer", a.check_signer()),
            ("writable", a.check_writable()),
            ("owner", a.check_owner(&owner)),
            ("key", a.check_key(&[1; 32])),
            ("executable", b.check_executable()),
            ("program", b.check_program(&[2; 32])),
            ("data len", a.check_data_len(8)),
            ("min data len", a.check_min_data_len(8)),
            ("uninitialized", b.check_uninitialized()),
        ];
        for (name, got) in passes {
            assert_eq!(got, Ok(()), "{name} should pass");
        }
        let failures = [
            ("signer", b.check_signer(), MissingRequiredSignature),
            ("writable", b.check_writable(), Immutable),
            ("owner", b.check_owner(&owner), InvalidAccountOwner),
            ("key", b.check_key(&[1; 32]), InvalidArgument),
            ("executable", a.check_executable(), IncorrectProgramId),
            ("program", a.check_program(&[1; 32]), IncorrectProgramId),
            ("data len", a.check_data_len(9), InvalidAccountData),
            ("min data len", a.check_min_data_len(9), AccountDataTooSmall),
            (
                "uninitialized",
                a.check_uninitialized(),
                AccountAlreadyInitialized,
            ),
        ];
        for (name, got, want) in failures {
            assert_eq!(got, Err(want), "{name} should fail");
        }
    }
}

#[cfg(test)]
mod uninitialized_tests {
    use core::mem::MaybeUninit;

    use super::*;
    use crate::entrypoint::deserialize;
    use crate::testing::{AccountSpec, InputBuffer};

    /// Free to create: nothing there, or only lamports anyone sent. Taken: data (even under the
    /// System program, which only the address's signer can allocate) or another owner.
    #[test]
    fn only_a_system_account_without_data_is_free() {
        let account = |owner: Pubkey, lamports: u64, data: Vec<u8>| AccountSpec {
            owner,
            lamports,
            data,
            writable: true,
            ..AccountSpec::default()
        };
        let cases = [
            ("never used", account(SYSTEM_PROGRAM_ID, 0, vec![]), true),
            (
                "pre-funded",
                account(SYSTEM_PROGRAM_ID, 5_000_000, vec![]),
                true,
            ),
            (
                "System-owned with data",
                account(SYSTEM_PROGRAM_ID, 5_000_000, vec![0; 8]),
                false,
            ),
            (
                "another program's, no data",
                account([9; 32], 5_000_000, vec![]),
                false,
            ),
            (
                "another program's, with data",
                account([9; 32], 5_000_000, vec![1; 8]),
                false,
            ),
        ];
        for (name, spec, free) in cases {
            let mut buffer = InputBuffer::new(&[spec], &[0], b"", &[0; 32]);
            let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 1];
            // SAFETY: `buffer` is a well-formed input buffer that outlives `input`.
            let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
            let want = if free {
                Ok(())
            } else {
                Err(ProgramError::AccountAlreadyInitialized)
            };
            assert_eq!(input.accounts[0].check_uninitialized(), want, "{name}");
        }
    }
}
