//! `open_position()`: creates the owner's stake position at the seeded address of `"position"`
//! under the owner (`ionet_sdk::seeded`): one address per owner, which only the owner's
//! signature creates, so no bump is searched. An owner who created that address first with the
//! System program only blocks their own position.

use ionet_sdk::args::no_args;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::new_seeded;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::state::{StakePosition, POSITION_TAG};

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
    let new = new_seeded(position, owner, POSITION_TAG, program_id)?;

    let mut state = new.init::<StakePosition>(owner, None)?;
    state.owner = *owner.key();
    Ok(())
}
