//! `open_position()`: creates the owner's stake position PDA `["position", owner]`.

use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use super::shared::{new_pda};
use crate::instruction::no_args;
use crate::layout::Layout;
use crate::state::{StakePosition, POSITION_SEED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context { program_id, accounts, data } = *ctx;
    let [owner, position, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    no_args(data)?;
    owner.check_signer()?;
    owner.check_writable()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let seeds: [&[u8]; 2] = [POSITION_SEED, owner.key()];
    let new = new_pda(position, &seeds, program_id)?;

    new.create(owner, StakePosition::LEN, program_id)?;
    let mut data = position.try_borrow_mut_data()?;
    let state = StakePosition::init(&mut data).ok_or(ProgramError::InvalidAccountData)?;
    state.owner = *owner.key();
    state.bump = new.bump;
    Ok(())
}
