//! `update_config(params)`: changes governance's own parameters. Only the governance PDA can
//! sign it, so only an executed proposal can.

use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::Context;
use crate::instruction::Params;
use crate::state::Governance;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [governance, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let params = Params::parse(data)?;
    governance.check_signer()?;
    let mut state = Governance::load_mut(governance, program_id)?;
    params.apply(&mut state);
    Ok(())
}
