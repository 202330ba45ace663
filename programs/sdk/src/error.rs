//! Program errors, encoded as Agave encodes them in a program's return value: builtin errors are
//! `code << 32`, `Custom(n)` is `n` itself (and `Custom(0)` has its own builtin code, since 0 is
//! success).
//!
//! Per-program errors are declared with [`crate::program_errors!`]; their codes start at 6000 as
//! Anchor's do, so Anchor clients and our Go bindings decode them alike.

/// Anchor's first custom error code.
pub const CUSTOM_ERROR_BASE: u32 = 6000;

const fn builtin(code: u64) -> u64 {
    code << 32
}

/// What a program returns on failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgramError {
    Custom(u32),
    InvalidArgument,
    InvalidInstructionData,
    InvalidAccountData,
    AccountDataTooSmall,
    InsufficientFunds,
    IncorrectProgramId,
    MissingRequiredSignature,
    AccountAlreadyInitialized,
    UninitializedAccount,
    NotEnoughAccountKeys,
    AccountBorrowFailed,
    MaxSeedLengthExceeded,
    InvalidSeeds,
    BorshIoError,
    AccountNotRentExempt,
    UnsupportedSysvar,
    IllegalOwner,
    MaxAccountsDataAllocationsExceeded,
    InvalidRealloc,
    MaxInstructionTraceLengthExceeded,
    BuiltinProgramsMustConsumeComputeUnits,
    InvalidAccountOwner,
    ArithmeticOverflow,
    Immutable,
    IncorrectAuthority,
}

/// The result of an instruction handler.
pub type ProgramResult = Result<(), ProgramError>;

impl ProgramError {
    /// The value the entrypoint returns to the runtime.
    pub const fn to_u64(self) -> u64 {
        match self {
            Self::Custom(0) => builtin(1),
            Self::Custom(code) => code as u64,
            Self::InvalidArgument => builtin(2),
            Self::InvalidInstructionData => builtin(3),
            Self::InvalidAccountData => builtin(4),
            Self::AccountDataTooSmall => builtin(5),
            Self::InsufficientFunds => builtin(6),
            Self::IncorrectProgramId => builtin(7),
            Self::MissingRequiredSignature => builtin(8),
            Self::AccountAlreadyInitialized => builtin(9),
            Self::UninitializedAccount => builtin(10),
            Self::NotEnoughAccountKeys => builtin(11),
            Self::AccountBorrowFailed => builtin(12),
            Self::MaxSeedLengthExceeded => builtin(13),
            Self::InvalidSeeds => builtin(14),
            Self::BorshIoError => builtin(15),
            Self::AccountNotRentExempt => builtin(16),
            Self::UnsupportedSysvar => builtin(17),
            Self::IllegalOwner => builtin(18),
            Self::MaxAccountsDataAllocationsExceeded => builtin(19),
            Self::InvalidRealloc => builtin(20),
            Self::MaxInstructionTraceLengthExceeded => builtin(21),
            Self::BuiltinProgramsMustConsumeComputeUnits => builtin(22),
            Self::InvalidAccountOwner => builtin(23),
            Self::ArithmeticOverflow => builtin(24),
            Self::Immutable => builtin(25),
            Self::IncorrectAuthority => builtin(26),
        }
    }

    /// Decodes a value returned by a program or a syscall. Unknown builtin codes become
    /// `InvalidArgument`, the closest generic failure.
    pub const fn from_u64(value: u64) -> Self {
        if value >> 32 == 0 {
            return Self::Custom(value as u32);
        }
        match value >> 32 {
            1 => Self::Custom(0),
            2 => Self::InvalidArgument,
            3 => Self::InvalidInstructionData,
            4 => Self::InvalidAccountData,
            5 => Self::AccountDataTooSmall,
            6 => Self::InsufficientFunds,
            7 => Self::IncorrectProgramId,
            8 => Self::MissingRequiredSignature,
            9 => Self::AccountAlreadyInitialized,
            10 => Self::UninitializedAccount,
            11 => Self::NotEnoughAccountKeys,
            12 => Self::AccountBorrowFailed,
            13 => Self::MaxSeedLengthExceeded,
            14 => Self::InvalidSeeds,
            15 => Self::BorshIoError,
            16 => Self::AccountNotRentExempt,
            17 => Self::UnsupportedSysvar,
            18 => Self::IllegalOwner,
            19 => Self::MaxAccountsDataAllocationsExceeded,
            20 => Self::InvalidRealloc,
            21 => Self::MaxInstructionTraceLengthExceeded,
            22 => Self::BuiltinProgramsMustConsumeComputeUnits,
            23 => Self::InvalidAccountOwner,
            24 => Self::ArithmeticOverflow,
            25 => Self::Immutable,
            26 => Self::IncorrectAuthority,
            _ => Self::InvalidArgument,
        }
    }
}

impl From<ProgramError> for u64 {
    fn from(error: ProgramError) -> u64 {
        error.to_u64()
    }
}

/// A program's own error enum (declared with [`crate::program_errors!`]).
pub trait ErrorCode: Copy {
    fn code(self) -> u32;
    /// The variant's name, as Anchor's `Error Code:` shows it.
    fn name(self) -> &'static str;
    fn message(self) -> &'static str;
}

/// Logs `error` the way Anchor does (so Anchor clients and log parsers recognise it) and turns it
/// into the `ProgramError` to return:
/// `AnchorError occurred. Error Code: <Name>. Error Number: <code>. Error Message: <message>.`
#[cold]
#[inline(never)]
pub fn fail<E: ErrorCode>(error: E) -> ProgramError {
    let mut line = crate::log::Line::<256>::new();
    line.push_str("AnchorError occurred. Error Code: ")
        .push_str(error.name())
        .push_str(". Error Number: ")
        .push_u64(error.code() as u64)
        .push_str(". Error Message: ")
        .push_str(error.message())
        .push_str(".");
    line.log();
    ProgramError::Custom(error.code())
}

/// Declares `pub fn overflow() -> ProgramError`: the program's arithmetic-overflow error `$error`,
/// logged through [`fail`], kept cold (out of the hot paths that end in
/// `.ok_or_else(overflow)?`). One line in each program's `processor/shared.rs`:
/// `ionet_sdk::overflow_error!(StakingError::Overflow);`.
#[macro_export]
macro_rules! overflow_error {
    ($error:expr) => {
        /// The program's arithmetic-overflow error, logged.
        #[cold]
        pub fn overflow() -> $crate::ProgramError {
            $crate::error::fail($error)
        }
    };
}

/// Declares a program's error enum with Anchor-compatible codes:
///
/// ```
/// ionet_sdk::program_errors! {
///     /// Errors of the staking program.
///     pub enum StakingError {
///         ZeroAmount = 6000 => "amount must be greater than zero",
///         CooldownActive = 6001 => "stake is still cooling down",
///     }
/// }
/// let err: ionet_sdk::ProgramError = StakingError::CooldownActive.into();
/// assert_eq!(err, ionet_sdk::ProgramError::Custom(6001));
/// ```
///
/// Return `Err(ionet_sdk::error::fail(StakingError::ZeroAmount))` to log it too, or use `?`/`into`
/// where a log line is not worth its compute units.
#[macro_export]
macro_rules! program_errors {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $message:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u32)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant = $code ),+
        }

        const _: () = {
            $( assert!($code >= $crate::error::CUSTOM_ERROR_BASE, "custom error codes start at 6000"); )+
        };

        impl $crate::error::ErrorCode for $name {
            fn code(self) -> u32 {
                self as u32
            }
            fn name(self) -> &'static str {
                match self { $( Self::$variant => stringify!($variant) ),+ }
            }
            fn message(self) -> &'static str {
                match self { $( Self::$variant => $message ),+ }
            }
        }

        impl From<$name> for $crate::ProgramError {
            fn from(error: $name) -> Self {
                $crate::ProgramError::Custom(error as u32)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::program_errors! {
        enum TestError {
            First = 6000 => "the first thing went wrong",
            Second = 6042 => "the second thing went wrong",
        }
    }

    #[test]
    fn encodes_like_agave() {
        let cases = [
            (ProgramError::Custom(0), 1u64 << 32),
            (ProgramError::Custom(1), 1),
            (ProgramError::Custom(6000), 6000),
            (ProgramError::Custom(u32::MAX), u32::MAX as u64),
            (ProgramError::InvalidArgument, 2 << 32),
            (ProgramError::MissingRequiredSignature, 8 << 32),
            (ProgramError::InvalidSeeds, 14 << 32),
            (ProgramError::InvalidAccountOwner, 23 << 32),
            (ProgramError::ArithmeticOverflow, 24 << 32),
            (ProgramError::IncorrectAuthority, 26 << 32),
        ];
        for (error, want) in cases {
            assert_eq!(u64::from(error), want, "{error:?}");
            assert_eq!(ProgramError::from_u64(want), error, "{want:#x}");
        }
    }

    #[test]
    fn every_builtin_round_trips() {
        for code in 1..=26u64 {
            let value = code << 32;
            assert_eq!(
                ProgramError::from_u64(value).to_u64(),
                value,
                "builtin {code}"
            );
        }
        assert_eq!(
            ProgramError::from_u64(99 << 32),
            ProgramError::InvalidArgument
        );
    }

    #[test]
    fn program_errors_macro() {
        let cases = [
            (
                TestError::First,
                6000,
                "First",
                "the first thing went wrong",
            ),
            (
                TestError::Second,
                6042,
                "Second",
                "the second thing went wrong",
            ),
        ];
        for (error, code, name, message) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(error.name(), name);
            assert_eq!(error.message(), message);
            assert_eq!(ProgramError::from(error), ProgramError::Custom(code));
            assert_eq!(fail(error), ProgramError::Custom(code));
        }
    }
}
