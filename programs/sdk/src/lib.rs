//! Shared library for the ionet on-chain programs.
//!
//! `#![no_std]`, no dependencies, in the spirit of pinocchio and p-token: the input buffer the
//! runtime hands to `entrypoint` is read in place, syscalls are plain `extern "C"` declarations,
//! and every helper avoids what the upstream LLVM BPF backend cannot lower (u128 arithmetic,
//! floats, calls with more than five arguments).
//!
//! | module | what it gives |
//! |---|---|
//! | [`entrypoint`] | `entrypoint!(process[, max_accounts])` (entrypoint + panic handler), input parsing |
//! | [`dispatch`] | `program!`: entrypoint, security.txt and `process_instruction` dispatching tags to processors; [`dispatch::Context`] |
//! | [`account`] | [`AccountInfo`] views: key, owner, lamports, flags, borrow-checked data |
//! | [`check`] | `check_signer/writable/owner/key/program/executable/data_len/recorded/...` on views |
//! | [`pda`] | `create_program_address`, `find_program_address`, `check_pda` (stored bump), `new_pda` + `NewPda::create/init/create_token_account` (the only way to create an account; a pre-funded address is topped up) |
//! | [`loader`] | `check_upgrade_authority`: the program's upgrade authority, read from its ProgramData (gates `initialize`); Program, buffer and `Upgrade` layouts, `code_hash` (SHA-256 without trailing zeros) |
//! | [`args`] | `Args`: Borsh instruction arguments read in place (`rest` for a tail the caller parses); `no_args` |
//! | [`state`] | [`state::Layout`]: `#[repr(C)]` account structs behind an Anchor discriminator; overridable `wrong_type` error |
//! | [`cpi`] | `invoke`, `invoke_signed`, `with_signer`, `Instruction`, `AccountMeta`, `Seed`, `Signer` |
//! | [`system`], [`token`] | System / SPL Token CPI builders; token account and mint readers and checks |
//! | [`math`] | checked add/sub/mul, `mul_wide`, `div_wide`, `mul_div`, `mul_div_ceil` (u64 only) |
//! | [`error`] | [`ProgramError`] (Agave's encoding), `program_errors!`, `overflow_error!`, `fail` (Anchor-style log) |
//! | [`log`], [`event`] | log lines without `core::fmt`, `Line` builder, Anchor events |
//! | [`discriminator`], [`hash`] | const-fn Anchor discriminators (`discriminator!` forces compile time) and SHA-256; `sha256` syscall |
//! | [`security_txt`] | `security_txt!`: the program's security.txt, as explorers read it |
//! | [`sysvar`] | Clock and Rent (syscalls), `now`, `slot_hash`: a slot's hash from the SlotHashes sysvar account |
//! | [`instructions`], [`ed25519`] | the instructions sysvar (`previous_instruction`) and the ed25519 precompile's offsets |
//! | [`return_data`], [`mem`], [`pubkey`], [`syscalls`] | the rest of the runtime |
//!
//! Builds for `bpfel-unknown-none` (the programs) and for the host, where `cargo test` runs the
//! pure-logic unit tests and syscalls have small host stand-ins.
#![cfg_attr(not(test), no_std)]

pub mod account;
pub mod args;
pub mod check;
pub mod cpi;
pub mod discriminator;
pub mod dispatch;
pub mod ed25519;
pub mod entrypoint;
pub mod error;
pub mod event;
pub mod hash;
pub mod instructions;
pub mod loader;
pub mod log;
pub mod math;
pub mod mem;
pub mod pda;
pub mod pubkey;
pub mod return_data;
pub mod security_txt;
pub mod seeded;
pub mod state;
pub mod syscalls;
pub mod system;
pub mod sysvar;
pub mod token;

#[cfg(test)]
mod testing;

pub use account::AccountInfo;
pub use error::{ProgramError, ProgramResult};
pub use pubkey::Pubkey;
