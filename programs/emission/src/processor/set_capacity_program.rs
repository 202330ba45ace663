//! `set_capacity_program(program)`: the authority names the capacity program whose records the
//! heartbeat checks (the zero key: none, heartbeats need no capacity proof). The first call
//! creates the link PDA `["capacity"]`, the authority paying its rent (a pre-funded address is
//! topped up) and records in the state that the link exists, so heartbeats load it without
//! deriving its address.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::error::EmissionError;
use crate::state::{CapacityLink, EmissionState, CAPACITY_SEED, LINK_CREATED};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [authority, state, link, system_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let program = *args.pubkey()?;
    args.finish()?;
    authority.check_signer()?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let mut state = EmissionState::load_mut(state, program_id)?;
    if authority.key() != &state.authority {
        return Err(fail(EmissionError::Unauthorized));
    }
    let mut stored = if link.data_is_empty() {
        authority.check_writable()?;
        let new_link = new_pda(link, &[CAPACITY_SEED], program_id)
            .map_err(|_| fail(EmissionError::WrongCapacityAccount))?;
        let mut stored = new_link.init::<CapacityLink>(authority, program_id)?;
        stored.bump = new_link.bump;
        stored
    } else {
        CapacityLink::load_mut(link, program_id)?
    };
    stored.capacity_program = program;
    // Also for a link made before the state recorded it.
    state.capacity_link = LINK_CREATED;
    Ok(())
}
