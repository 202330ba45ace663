//! Instruction tags (from `emission-interface`) and argument decoding (Borsh, as the IDL declares the args).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, Pubkey};

use crate::error::EmissionError;
use crate::schedule::BASE_UNITS_PER_IO;
use crate::state::{EmissionState, BPS, MAX_REASON_LEN};

// The instruction tags are the interface crate's, shared with the programs that call emission.
pub use emission_interface::instruction::*;

/// A positive amount, the only argument (`burn_slash`).
pub fn amount(data: &[u8]) -> Result<u64, ProgramError> {
    let mut args = Args::new(data);
    let amount = args.u64()?;
    args.finish()?;
    if amount == 0 {
        return Err(fail(EmissionError::ZeroAmount));
    }
    Ok(amount)
}

/// Largest `max_epochs_per_crank`: a catch-up of 3,600 epochs costs at most about 1.25M compute
/// units (about 345 per epoch where epoch - 1 has five hex digits), under the 1.4M limit.
pub const MAX_EPOCHS_PER_CRANK: u64 = 3_600;
/// Largest crank tip: 1 IO.
pub const MAX_CRANK_TIP: u64 = BASE_UNITS_PER_IO;

/// The settable parameters (`initialize`, `update_params`), IDL type `Settings`.
pub struct Settings {
    pub staker_split_bps: u64,
    pub crank_tip: u64,
    pub max_epochs_per_crank: u64,
    pub authority: Pubkey,
    pub treasury_authority: Pubkey,
}

impl Settings {
    pub fn read(args: &mut Args) -> Result<Self, ProgramError> {
        let settings = Settings {
            staker_split_bps: args.u64()?,
            crank_tip: args.u64()?,
            max_epochs_per_crank: args.u64()?,
            authority: *args.pubkey()?,
            treasury_authority: *args.pubkey()?,
        };
        if settings.staker_split_bps > BPS
            || !(1..=MAX_EPOCHS_PER_CRANK).contains(&settings.max_epochs_per_crank)
            || settings.crank_tip > MAX_CRANK_TIP
        {
            return Err(fail(EmissionError::InvalidParams));
        }
        Ok(settings)
    }

    pub fn apply(&self, state: &mut EmissionState) {
        state.staker_split_bps = self.staker_split_bps;
        state.crank_tip = self.crank_tip;
        state.max_epochs_per_crank = self.max_epochs_per_crank;
        state.authority = self.authority;
        state.treasury_authority = self.treasury_authority;
    }
}

/// `burn(amount, reason)`.
pub struct BurnArgs<'a> {
    pub amount: u64,
    pub reason: &'a [u8],
}

impl<'a> BurnArgs<'a> {
    pub fn parse(data: &'a [u8]) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let amount = args.u64()?;
        let reason = args.string()?;
        args.finish()?;
        if amount == 0 {
            return Err(fail(EmissionError::ZeroAmount));
        }
        if reason.len() > MAX_REASON_LEN {
            return Err(fail(EmissionError::ReasonTooLong));
        }
        Ok(Self { amount, reason })
    }
}
