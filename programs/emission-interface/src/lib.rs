//! The emission program's interface, as the programs that call it see it: the instruction tags
//! ([`instruction`], which the emission program dispatches on) and CPI builders with the accounts
//! in the instruction's order ([`cpi`]; staking's `slash` burns through [`cpi::BurnSlash`]).
//! `programs-idl/emission.json` describes the same instructions. No program reads emission's
//! accounts, so their layouts stay in the emission crate.
#![no_std]

pub mod cpi;
pub mod instruction;
