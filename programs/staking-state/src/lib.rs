//! The staking program's interface, as every program sees it (what the pinocchio token crate is
//! for SPL Token): the account byte layouts (described by `programs-idl/staking.json`), their
//! discriminators, PDA seeds and seeded-address tags, the device eligibility rule, loaders that check an account
//! really is the staking program's before it is read ([`load`] and its PDA-checked variants),
//! the instruction tags ([`instruction`]) and CPI builders with the accounts in the
//! instruction's order ([`cpi`]).
//!
//! The staking program builds its state and dispatch on these; jobs, emission, governance and
//! capacity read staking accounts and call staking only through this crate, each mapping a
//! loader's refusal to its own error. A library crate of its own (not the staking crate with a `no-entrypoint` feature):
//! a dependency on a program crate would, under feature unification, strip that program's
//! entrypoint.
#![no_std]

#[cfg(test)]
extern crate std;

mod costake;
pub mod cpi;
mod eligibility;
pub mod instruction;
mod layout;
mod load;
mod seeded;

pub use costake::*;
pub use eligibility::required_device_stake;
pub use layout::*;
pub use load::{load, load_config, load_device, load_position};
pub use seeded::KeySeed;
