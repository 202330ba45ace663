//! Instruction dispatch, the same in every program: `program!` declares the entrypoint, the
//! security.txt and `process_instruction`, which splits off the 8-byte Anchor discriminator and
//! calls the processor its tag names with a [`Context`].

use crate::account::AccountInfo;
use crate::pubkey::Pubkey;

/// What every processor receives. One pointer rather than three register arguments: SBPF has
/// five argument registers and a processor's result needs one more.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    /// The arguments after the 8-byte discriminator.
    pub data: &'a [u8],
}

/// Declares a program's entrypoint (unless the crate's `no-entrypoint` feature is on), its
/// security.txt, and `pub fn process_instruction`, which dispatches on the instruction tag (the
/// discriminator as a little-endian u64: one comparison per arm) to `processor(&Context)`, and
/// fails with `unknown` (logged) for any other tag. Data shorter than a tag is
/// `InvalidInstructionData`.
///
/// ```ignore
/// ionet_sdk::program! {
///     unknown: StakingError::UnknownInstruction,
///     ix::STAKE => stake::process,
///     ix::UNSTAKE => unstake::process,
/// }
/// ```
///
/// `process_instruction` is inlined into the entrypoint and calls each processor directly (no
/// function pointer), so each processor's result comes back in a register rather than through
/// memory, a sixth argument SBPF lacks. List the hot instructions first.
#[macro_export]
macro_rules! program {
    (unknown: $unknown:expr, $($tag:path => $processor:path),+ $(,)?) => {
        #[cfg(not(feature = "no-entrypoint"))]
        $crate::entrypoint!(process_instruction);
        #[cfg(not(feature = "no-entrypoint"))]
        $crate::ionet_security_txt!();

        /// Dispatches on the 8-byte Anchor instruction discriminator (`ionet_sdk::program!`).
        #[inline(always)]
        pub fn process_instruction(
            program_id: &$crate::Pubkey,
            accounts: &[$crate::AccountInfo],
            data: &[u8],
        ) -> $crate::ProgramResult {
            let Some((tag, args)) = data.split_first_chunk::<8>() else {
                return Err($crate::ProgramError::InvalidInstructionData);
            };
            let ctx = $crate::dispatch::Context {
                program_id,
                accounts,
                data: args,
            };
            match u64::from_le_bytes(*tag) {
                $( $tag => $processor(&ctx), )+
                _ => Err($crate::error::fail($unknown)),
            }
        }
    };
}
