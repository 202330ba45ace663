//! `open_position()`: creates the owner's stake position PDA `["position", owner]`.

use ionet_sdk::args::no_args;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::state::{StakePosition, POSITION_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [owner, position, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    owner.check_signer()?;
    owner.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let seeds: [&[u8]; 2] = [POSITION_SEED, owner.key()];
    let new = new_pda(position, &seeds, program_id)?;

    let mut state = new.init::<StakePosition>(owner, program_id)?;
    state.owner = *owner.key();
    state.bump = new.bump;
    Ok(())
}
