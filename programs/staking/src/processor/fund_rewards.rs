//! `fund_rewards(amount, epochs_end_ts)`: adds IO to the reward vault for the stakers.
//!
//! - A donation (`epochs_end_ts == 0`, anyone) is shared at once over all active stake through
//!   the donation index. With nothing staked it is refused (`NoStakeToReward`): it would
//!   otherwise wait for, and go to, whoever stakes next.
//! - An epoch funding (`epochs_end_ts != 0`) pays the staker share of emission epochs that
//!   ended by `epochs_end_ts` and started at or after the previous funding's end
//!   (`funded_through_ts`). Only the IO mint authority (the emission program's state PDA after
//!   set-up) may sign one. It is shared over the earning stake (active stake that is not warming
//!   up: stake added at time `t` earns only epochs that started at or after `t`) through the
//!   epoch index, then `funded_through_ts` moves to `epochs_end_ts`. `amount` may be zero: the
//!   crank still moves the funded time when no stake earns (and then routes the staker share
//!   elsewhere); a positive amount with no earning stake is refused (`NoEarningStake`).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::check_token_account_mint;
use ionet_sdk::token::{Mint, Transfer};
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::shared::{check_token_program, now, overflow};
use super::Context;
use crate::error::StakingError;
use crate::events;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [funder, config, funder_token, reward_vault, token_program, io_mint, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let amount = args.u64()?;
    let epochs_end_ts = args.i64()?;
    args.finish()?;
    funder.check_signer()?;
    let mut config = Config::load_mut(config, program_id)?;
    check_token_account_mint::<StakingError>(funder_token, &config.io_mint)?;
    reward_vault.check_recorded(&config.reward_vault, StakingError::WrongVault)?;
    check_token_program(token_program)?;
    if io_mint.key() != &config.io_mint {
        return Err(fail(StakingError::WrongMint));
    }

    if epochs_end_ts == 0 {
        if amount == 0 {
            return Err(fail(StakingError::ZeroAmount));
        }
        if config.total_stake == 0 {
            return Err(fail(StakingError::NoStakeToReward));
        }
        let index = config
            .reward_index()
            .distribute(amount, config.total_stake)
            .ok_or_else(overflow)?;
        config.set_reward_index(index);
    } else {
        if Mint::load(io_mint)?.mint_authority() != Some(funder.key()) {
            log::log_pubkey(funder.key());
            return Err(fail(StakingError::NotEpochFunder));
        }
        if epochs_end_ts < config.funded_through_ts || epochs_end_ts > now()? {
            return Err(fail(StakingError::InvalidEpochEnd));
        }
        if amount > 0 {
            let earning = config.earning_stake().ok_or_else(overflow)?;
            if earning == 0 {
                return Err(fail(StakingError::NoEarningStake));
            }
            let index = config
                .epoch_index()
                .distribute(amount, earning)
                .ok_or_else(overflow)?;
            config.set_epoch_index(index);
        }
        config.funded_through_ts = epochs_end_ts;
    }
    config.rewards_funded = config
        .rewards_funded
        .checked_add(amount)
        .ok_or_else(overflow)?;
    drop(config);

    if amount > 0 {
        Transfer {
            source: funder_token,
            destination: reward_vault,
            authority: funder,
            amount,
        }
        .invoke()?;
    }
    events::rewards_funded(funder.key(), amount, epochs_end_ts)
}
