//! The capacity program's account layouts (`state`), errors (`error`) and the reader other
//! programs use (`reader`): the emission heartbeat asks whether a device is live by its record.
#![cfg_attr(not(test), no_std)]

pub mod error;
pub mod reader;
pub mod state;
