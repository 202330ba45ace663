//! `fund_rewards(amount)`: adds IO to the reward vault and distributes it over the active stake
//! (with anything carried from fundings made while nothing was staked). Anyone may fund; the
//! emission program does so every epoch.

use ionet_sdk::state::Layout;
use ionet_sdk::token::Transfer;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{check_token_account, check_token_program, check_vault, overflow};
use super::Context;
use crate::events;
use crate::instruction::amount_arg;
use crate::state::Config;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [funder, config, funder_token, reward_vault, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = amount_arg(data)?;
    funder.check_signer()?;
    let mut config = Config::load_mut(config, program_id)?;
    check_token_account(funder_token, &config.io_mint)?;
    check_vault(reward_vault, &config.reward_vault)?;
    check_token_program(token_program)?;

    config.rewards_funded = config
        .rewards_funded
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let pending = config
        .rewards_carried
        .checked_add(amount)
        .ok_or_else(overflow)?;
    let distributed = if config.total_stake == 0 {
        config.rewards_carried = pending;
        0
    } else {
        let index = config
            .reward_index()
            .distribute(pending, config.total_stake)
            .ok_or_else(overflow)?;
        config.set_reward_index(index);
        config.rewards_carried = 0;
        pending
    };
    let carried = config.rewards_carried;
    drop(config);

    Transfer {
        source: funder_token,
        destination: reward_vault,
        authority: funder,
        amount,
    }
    .invoke()?;
    events::rewards_funded(funder.key(), amount, distributed, carried)
}
