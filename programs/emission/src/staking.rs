//! What this program reads of the staking program: the two fields of its `Config` read at set-up,
//! its earning stake, and a device's owner, eligibility and weight for heartbeats, through the
//! `staking-state` interface crate's layouts and loaders (whose `cpi::FundRewards` the crank
//! calls).

use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::{AccountInfo, ProgramError, Pubkey};
use staking_state::Config;

use crate::error::EmissionError;

/// The staking config's IO mint and reward vault, after checking `config` is a staking `Config`
/// owned by `staking_program`.
pub fn read_config(
    config: &AccountInfo,
    staking_program: &AccountInfo,
) -> Result<(Pubkey, Pubkey), ProgramError> {
    staking_program.check_executable()?;
    let config =
        staking_state::load::<Config>(config, staking_program.key(), wrong_staking_account)?;
    Ok((config.io_mint, config.reward_vault))
}

/// The staking config's stake that earns epoch rewards (active, not warming up), after checking
/// `config` is a staking `Config` owned by `staking_program`.
pub fn earning_stake(config: &AccountInfo, staking_program: &Pubkey) -> Result<u64, ProgramError> {
    let config = staking_state::load::<Config>(config, staking_program, wrong_staking_account)?;
    config
        .earning_stake()
        .ok_or_else(|| fail(EmissionError::Overflow))
}

/// A live device as the emission program counts it.
pub struct LiveDevice {
    pub owner: Pubkey,
    /// `multiplier_bps(class) * gpu_count`.
    pub weight: u64,
    /// The device has a co-staking offer: its supplier rewards are shared.
    pub shared: bool,
}

/// Reads the staking `Device` of `device_key` and the staking `config` (both checked owned by
/// `staking_program` and of their type, the device also holding `device_key`) and returns its owner
/// and weight when it is eligible by the staking program's rule.
pub fn live_device(
    config: &AccountInfo,
    device: &AccountInfo,
    device_key: &Pubkey,
    staking_program: &Pubkey,
) -> Result<LiveDevice, ProgramError> {
    let cfg = staking_state::load::<Config>(config, staking_program, wrong_staking_account)?;
    let dev = staking_state::load_device(device, device_key, staking_program, || {
        fail(EmissionError::WrongDevice)
    })?;
    let multiplier = cfg
        .eligible_multiplier_bps(&dev)
        .ok_or_else(|| fail(EmissionError::DeviceNotEligible))?;
    let weight = math::checked_mul(multiplier, dev.gpu_count)
        .ok_or_else(|| fail(EmissionError::Overflow))?;
    if weight == 0 {
        return Err(fail(EmissionError::ZeroWeight));
    }
    Ok(LiveDevice {
        owner: dev.owner,
        weight,
        shared: dev.offer != 0,
    })
}

#[cold]
fn wrong_staking_account() -> ProgramError {
    fail(EmissionError::WrongStakingAccount)
}
