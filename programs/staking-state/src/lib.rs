//! The staking program's accounts as every program sees them: the byte layouts (described by
//! `programs-idl/staking.json`), their discriminators and PDA seeds, the device eligibility rule,
//! and loaders that check an account really is the staking program's before it is read.
//!
//! The staking program builds its state on these types; jobs, emission and governance read
//! staking accounts through [`load`] and its PDA-checked variants, each mapping a refusal to its
//! own error. A library crate of its own (not the staking crate with a `no-entrypoint` feature):
//! a dependency on a program crate would, under feature unification, strip that program's
//! entrypoint.
#![no_std]

#[cfg(test)]
extern crate std;

mod costake;
mod eligibility;
mod layout;
mod load;

pub use costake::*;
pub use eligibility::required_device_stake;
pub use layout::*;
pub use load::{load, load_config, load_device, load_position};
