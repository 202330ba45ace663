//! `add_slasher(slasher)`: registers `slasher` (a program's PDA, e.g. the capacity program's
//! config PDA) as a key that may sign `slash` besides the configured slasher, by creating its
//! registry entry `["slasher", slasher]` (see `slashers`). Only this program's upgrade authority
//! may run it (read from the ProgramData account): the config's authority cannot name a slasher.
//! Emits `SlasherAdded`.

use ionet_sdk::args::Args;
use ionet_sdk::discriminator;
use ionet_sdk::event;
use ionet_sdk::loader::check_upgrade_authority;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::StakingError;
use crate::slashers::{SlasherEntry, SLASHER_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, entry, program_data, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    // The upgrade authority first: an outsider gets NotUpgradeAuthority whatever else is wrong.
    payer.check_signer()?;
    check_upgrade_authority(
        program_data,
        payer.key(),
        program_id,
        StakingError::NotUpgradeAuthority,
    )?;
    let mut args = Args::new(data);
    let slasher = *args.pubkey()?;
    args.finish()?;
    payer.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let seeds: [&[u8]; 2] = [SLASHER_SEED, &slasher];
    let new_entry = new_pda(entry, &seeds, program_id)?;
    let mut state = new_entry.init::<SlasherEntry>(payer, program_id)?;
    state.slasher = slasher;
    state.bump = new_entry.bump;
    event::emit(&const { discriminator::event("SlasherAdded") }, &slasher)
}
