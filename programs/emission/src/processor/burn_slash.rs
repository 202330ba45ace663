//! `burn_slash(amount)`: the staking program burns the burned share of a slash through the burn
//! ledger: its config PDA (the `staking_config` recorded at set-up, signing through staking's
//! CPI) burns `amount` from a token account it owns (the stake vault), and the state's `burned`
//! counts it, so `supply == launch + emitted - burned` holds with no special case for slashes.
//! No burn record account: the slash's own `Slashed` event (staking) and `SlashBurned` here
//! record it, and nobody has to pay a record's rent or race for the next record index.

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::token::token_account_owner;
use ionet_sdk::token::Burn;
use ionet_sdk::{log, ProgramError, ProgramResult};

use super::shared::{check_token_program, overflow};
use super::Context;
use crate::error::EmissionError;
use crate::events;
use crate::state::EmissionState;

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [burner, state_account, source, io_mint, token_program, ..] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let amount = crate::instruction::amount(data)?;
    burner.check_signer()?;
    check_token_program(token_program)?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    if burner.key() != &state.staking_config {
        log::log_pubkey(burner.key());
        return Err(fail(EmissionError::NotStakingConfig));
    }
    io_mint.check_recorded(&state.io_mint, EmissionError::WrongMint)?;
    if &token_account_owner::<EmissionError>(source, &state.io_mint)? != burner.key() {
        log::log_pubkey(source.key());
        return Err(fail(EmissionError::NotStakingConfig));
    }
    state.burned = state.burned.checked_add(amount).ok_or_else(overflow)?;
    let total_burned = state.burned;
    drop(state);

    Burn {
        account: source,
        mint: io_mint,
        authority: burner,
        amount,
    }
    .invoke()?;
    events::slash_burned(source.key(), amount, total_burned);
    Ok(())
}
