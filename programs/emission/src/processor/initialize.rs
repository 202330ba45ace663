//! `initialize(start_ts, settings)`: creates the state PDA, the two vaults and the liveness pool
//! PDA (once here, so heartbeats only load it), checks the IO mint
//! (8 decimals, no freeze authority, exactly the launch supply) and moves its mint authority to
//! the state PDA. The current mint authority signs; `payer` pays the rent and must be this
//! program's upgrade authority (read from its ProgramData account).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::loader::check_upgrade_authority;
use ionet_sdk::pda::new_pda;
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::token::Mint;
use ionet_sdk::token::SetMintAuthority;
use ionet_sdk::{ProgramError, ProgramResult};

use super::shared::check_token_program;
use super::Context;
use crate::error::EmissionError;
use crate::instruction::Settings;
use crate::schedule::{DECIMALS, LAUNCH_SUPPLY};
use crate::staking;
use crate::state::{
    EmissionState, LivenessPool, LINK_ABSENT, LIVENESS_SEED, STAKER_VAULT_SEED, STATE_SEED,
    SUPPLIER_VAULT_SEED,
};

pub fn process(ctx: &Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = *ctx;
    let [payer, mint_authority, state, io_mint, staker_vault, supplier_vault, liveness_pool, staking_program, staking_config, program_data, token_program, system_program, ..] =
        accounts
    else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let mut args = Args::new(data);
    let start_ts = args.i64()?;
    let settings = Settings::read(&mut args)?;
    args.finish()?;

    payer.check_signer()?;
    payer.check_writable()?;
    mint_authority.check_signer()?;
    check_token_program(token_program)?;
    system_program.check_program(&SYSTEM_PROGRAM_ID)?;
    check_upgrade_authority(
        program_data,
        payer.key(),
        program_id,
        EmissionError::NotUpgradeAuthority,
    )?;
    io_mint.check_writable()?;
    {
        let mint = Mint::load(io_mint)?;
        if mint.mint_authority() != Some(mint_authority.key()) {
            return Err(fail(EmissionError::WrongMintAuthority));
        }
        if mint.freeze_authority().is_some() {
            return Err(fail(EmissionError::MintHasFreezeAuthority));
        }
        if mint.decimals() != DECIMALS {
            return Err(fail(EmissionError::WrongDecimals));
        }
        if mint.supply() != LAUNCH_SUPPLY {
            return Err(fail(EmissionError::WrongLaunchSupply));
        }
    }
    let (staking_mint, reward_vault) = staking::read_config(staking_config, staking_program)?;
    if &staking_mint != io_mint.key() {
        return Err(fail(EmissionError::WrongMint));
    }
    let new_state = new_pda(state, &[STATE_SEED], program_id)?;
    let new_staker_vault = new_pda(staker_vault, &[STAKER_VAULT_SEED], program_id)?;
    let new_supplier_vault = new_pda(supplier_vault, &[SUPPLIER_VAULT_SEED], program_id)?;
    let new_pool = new_pda(liveness_pool, &[LIVENESS_SEED], program_id)
        .map_err(|_| fail(EmissionError::WrongLivenessPool))?;

    let mut s = new_state.init::<EmissionState>(payer, program_id)?;
    settings.apply(&mut s);
    s.io_mint = *io_mint.key();
    s.staking_program = *staking_program.key();
    s.staking_config = *staking_config.key();
    s.reward_vault = reward_vault;
    s.staker_vault = *staker_vault.key();
    s.supplier_vault = *supplier_vault.key();
    s.start_ts = start_ts;
    s.bump = new_state.bump;
    s.staker_vault_bump = new_staker_vault.bump;
    s.supplier_vault_bump = new_supplier_vault.bump;
    // `set_capacity_program` needs this state, so no link can exist yet.
    s.capacity_link = LINK_ABSENT;
    drop(s);
    // The one `LivenessPool`: heartbeats, claims and sweeps prove it by owner and discriminator.
    new_pool.init::<LivenessPool>(payer, program_id)?.bump = new_pool.bump;

    for vault in [&new_staker_vault, &new_supplier_vault] {
        vault.create_token_account(payer, io_mint, state.key())?;
    }
    SetMintAuthority {
        mint: io_mint,
        authority: mint_authority,
        new_authority: state.key(),
    }
    .invoke()?;

    Ok(())
}
