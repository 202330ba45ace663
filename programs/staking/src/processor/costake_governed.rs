//! The co-staking parameters under governance:
//! - `update_costake_params(min_owner_floor_bps, notice_seconds, max_commission_bps)`: the staking
//!   authority (the governance PDA after hand-over) changes parameters `set_costake_params`
//!   created, within the same bounds. Three accounts (authority, config, parameters), so a
//!   governance action is as narrow as `update_params`.
//! - `check_costake_params(...)`: whether those parameters are within the bounds, as one byte of
//!   return data (1 yes, 0 no); changes nothing. Governance calls it when a proposal is created,
//!   so an out-of-bounds proposal is refused then rather than failing at execution.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::return_data::set_return_data;
use ionet_sdk::state::Layout;
use ionet_sdk::{ProgramError, ProgramResult};

use super::costake_params::within_bounds;
use super::costake_shared::costake_params;
use super::shared::check_signer_is;
use super::Context;
use crate::error::StakingError;
use crate::state::{Config, CostakeParams};

/// The three arguments, in order.
fn parse(data: &[u8]) -> Result<(u64, i64, u64), ProgramError> {
    let mut args = Args::new(data);
    let parsed = (args.u64()?, args.i64()?, args.u64()?);
    args.finish()?;
    Ok(parsed)
}

pub fn update(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [authority, config, costake_params_account, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let (floor, notice, max_commission) = parse(data)?;
    if !within_bounds(floor, notice, max_commission) {
        return Err(fail(StakingError::InvalidCostakeParams));
    }
    let config = Config::load(config, program_id)?;
    check_signer_is(authority, &config.authority, StakingError::Unauthorized)?;
    costake_params_account.check_writable()?;
    drop(costake_params(costake_params_account, program_id)?); // set up
    let mut params = CostakeParams::load_mut(costake_params_account, program_id)?;
    params.min_owner_floor_bps = floor;
    params.notice_seconds = notice;
    params.max_commission_bps = max_commission;
    Ok(())
}

pub fn check(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [config, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    Config::load(config, program_id)?;
    let valid = parse(data).is_ok_and(|(floor, notice, max)| within_bounds(floor, notice, max));
    set_return_data(&[valid as u8])
}
