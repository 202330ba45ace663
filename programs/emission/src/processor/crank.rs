//! `crank(max_epochs)`: anyone mints every ended, unminted epoch, at most `max_epochs` (0: the
//! program's `max_epochs_per_crank`, which also caps it) per transaction. Each epoch's amount is
//! split as [`Batch::split`] says (staker share, supplier share, the caller's tip out of the last
//! epoch's supplier share), so what is minted is exactly the schedule. One MintTo per destination
//! for the whole batch; the staker share is minted into the staker vault and handed to the
//! staking program's `fund_rewards` with the end of the batch's last epoch (the state PDA, the IO
//! mint authority, signs), so staking pays it only to stake that was there before the batch's
//! epochs began. When no stake earns (none, or all of it still warming up), the batch's staker
//! share goes to the supplier pool instead (as if the split were 0%) rather than waiting for
//! whoever stakes next; `fund_rewards` is still called, with 0, to record the funded time.
//! Two cranks racing for an epoch: the runtime orders them, the second sees `last_minted_epoch`
//! moved and mints the next ended epochs or fails with `NothingToMint`, changing nothing.

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::token_account_owner;
use ionet_sdk::token::MintTo;
use ionet_sdk::{ProgramError, ProgramResult};
use staking_state::cpi::FundRewards;

use super::shared::{as_state, check_token_program, now, overflow};
use super::Context;
use crate::batch::Batch;
use crate::error::EmissionError;
use crate::events::EpochsMinted;
use crate::schedule::{epoch_end, last_ended_epoch, LAST_EPOCH, TOTAL_EMISSION};
use crate::staking;
use crate::state::EmissionState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [cranker, state_account, io_mint, staker_vault, supplier_vault, tip_account, staking_program, staking_config, reward_vault, token_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let requested = args.u64()?;
    args.finish()?;

    cranker.check_signer()?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    io_mint.check_recorded(&state.io_mint, EmissionError::WrongMint)?;
    staker_vault.check_recorded(&state.staker_vault, EmissionError::WrongVault)?;
    supplier_vault.check_recorded(&state.supplier_vault, EmissionError::WrongVault)?;
    token_account_owner::<EmissionError>(tip_account, &state.io_mint)?;
    staking_program.check_program(&state.staking_program)?;
    staking_config.check_recorded(&state.staking_config, EmissionError::WrongStakingAccount)?;
    reward_vault.check_recorded(&state.reward_vault, EmissionError::WrongStakingAccount)?;
    check_token_program(token_program)?;

    let first = state
        .last_minted_epoch
        .checked_add(1)
        .ok_or_else(overflow)?;
    if first > LAST_EPOCH {
        return Err(fail(EmissionError::EmissionEnded));
    }
    let ended = last_ended_epoch(state.start_ts, now()?);
    if ended < first {
        return Err(fail(EmissionError::NothingToMint));
    }
    let limit = match requested {
        0 => state.max_epochs_per_crank,
        n => n.min(state.max_epochs_per_crank),
    };
    let last = ended.min(first - 1 + limit); // first - 1 + limit <= LAST_EPOCH + MAX_EPOCHS_PER_CRANK

    let stakers_earn = staking::earning_stake(staking_config, &state.staking_program)? > 0;
    let bps = if stakers_earn {
        state.staker_split_bps
    } else {
        0
    };
    let crank_tip = state.crank_tip;
    let epochs_end_ts = epoch_end(state.start_ts, last).ok_or_else(overflow)?;
    let batch = Batch::split(first, last, bps, crank_tip, &mut state.supplier_amounts)
        .ok_or_else(overflow)?;
    let Batch {
        staker: staker_total,
        supplier: supplier_total,
        tip,
    } = batch;
    let emitted = state
        .emitted
        .checked_add(batch.total().ok_or_else(overflow)?)
        .ok_or_else(overflow)?;
    if emitted > TOTAL_EMISSION || (last == LAST_EPOCH && emitted != TOTAL_EMISSION) {
        return Err(overflow());
    }
    state.emitted = emitted;
    state.last_minted_epoch = last;
    state.staker_emitted = state
        .staker_emitted
        .checked_add(staker_total)
        .ok_or_else(overflow)?;
    state.supplier_emitted = state
        .supplier_emitted
        .checked_add(supplier_total)
        .ok_or_else(overflow)?;
    state.tips_paid = state.tips_paid.checked_add(tip).ok_or_else(overflow)?;
    let bump = state.bump;
    drop(state);

    as_state(bump, |signers| {
        if staker_total > 0 {
            MintTo {
                mint: io_mint,
                account: staker_vault,
                authority: state_account,
                amount: staker_total,
            }
            .invoke_signed(signers)?;
        }
        FundRewards {
            staking_program,
            funder: state_account,
            config: staking_config,
            funder_token: staker_vault,
            reward_vault,
            token_program,
            io_mint,
            amount: staker_total,
            epochs_end_ts,
        }
        .invoke_signed(signers)?;
        if supplier_total > 0 {
            MintTo {
                mint: io_mint,
                account: supplier_vault,
                authority: state_account,
                amount: supplier_total,
            }
            .invoke_signed(signers)?;
        }
        if tip > 0 {
            MintTo {
                mint: io_mint,
                account: tip_account,
                authority: state_account,
                amount: tip,
            }
            .invoke_signed(signers)?;
        }
        Ok::<(), ProgramError>(())
    })?;
    EpochsMinted {
        cranker: cranker.key(),
        first_epoch: first,
        last_epoch: last,
        staker_amount: staker_total,
        supplier_amount: supplier_total,
        tip,
        emitted,
    }
    .emit();
    Ok(())
}
