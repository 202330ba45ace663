//! `burn(amount, reason)`: the treasury authority burns IO from one of its token accounts and
//! the burn ledger records it: the state's cumulative `burned` and a `BurnRecord` (index, amount,
//! burner, source, time, reason) at the seeded address of `"burn" + hex(index)` under the state
//! PDA (`ionet_sdk::seeded`; the program signs for the state with its stored bump), so each index
//! has one address and nothing is searched. `payer` pays the record's rent.

use ionet_sdk::error::fail;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::seeded::{new_seeded, IdSeed};
use ionet_sdk::state::Layout;
use ionet_sdk::token::token_account_owner;
use ionet_sdk::token::Burn;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::{as_state, check_token_program, now, overflow};
use super::Context;
use crate::error::EmissionError;
use crate::events;
use crate::instruction::BurnArgs;
use crate::state::{BurnRecord, EmissionState, BURN_TAG};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [burner, payer, state_account, record, source, io_mint, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let args = BurnArgs::parse(data)?;
    burner.check_signer()?;
    payer.check_signer()?;
    payer.check_writable()?;
    check_token_program(token_program)?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    let mut state = EmissionState::load_mut(state_account, program_id)?;
    if burner.key() != &state.treasury_authority {
        return Err(fail(EmissionError::NotTreasuryAuthority));
    }
    io_mint.check_recorded(&state.io_mint, EmissionError::WrongMint)?;
    if &token_account_owner::<EmissionError>(source, &state.io_mint)? != burner.key() {
        return Err(fail(EmissionError::NotTreasuryAuthority));
    }
    let index = state.burn_count;
    let seed = IdSeed::new(BURN_TAG, index);
    let new_record = new_seeded(record, state_account, seed.as_bytes(), program_id)
        .map_err(|_| fail(EmissionError::WrongBurnRecord))?;
    state.burned = state.burned.checked_add(args.amount).ok_or_else(overflow)?;
    state.burn_count = index.checked_add(1).ok_or_else(overflow)?;
    let (total_burned, bump) = (state.burned, state.bump);
    drop(state);

    Burn {
        account: source,
        mint: io_mint,
        authority: burner,
        amount: args.amount,
    }
    .invoke()?;
    let mut r = as_state(bump, |signers| {
        new_record.init::<BurnRecord>(payer, signers.first())
    })?;
    r.index = index;
    r.amount = args.amount;
    r.burner = *burner.key();
    r.source = *source.key();
    r.timestamp = now()?;
    r.reason[..args.reason.len()].copy_from_slice(args.reason);
    r.reason_len = args.reason.len() as u8; // at most MAX_REASON_LEN = 64
    drop(r);
    events::burned(index, burner.key(), source.key(), args.amount, total_burned);
    Ok(())
}
