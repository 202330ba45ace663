//! The burned share of a slash goes through the emission program's burn ledger (its
//! `burn_slash` instruction, the staking config PDA signing as the stake vault's owner), so the supply
//! equation `supply = launch + emitted - burned` needs no special case for slashes.
//!
//! Which program is the emission program is read from the chain, not trusted from the caller:
//! it is the owner of the IO mint's mint authority (the emission state PDA, which holds the mint
//! authority from set-up on). A look-alike program cannot be handed the config PDA's signature.

use emission_interface::cpi::BurnSlash;
use ionet_sdk::cpi::Signer;
use ionet_sdk::error::fail;
use ionet_sdk::token::Mint;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult};

use crate::error::StakingError;

/// The emission accounts a slash burn needs.
pub struct EmissionBurn<'a> {
    pub emission_program: &'a AccountInfo,
    pub emission_state: &'a AccountInfo,
}

impl EmissionBurn<'_> {
    /// `emission_state` is the IO mint's mint authority and `emission_program` owns it.
    pub fn check(&self, io_mint: &AccountInfo) -> ProgramResult {
        let authority = Mint::load(io_mint)?.mint_authority().copied();
        if authority.as_ref() != Some(self.emission_state.key())
            || !self.emission_state.is_owned_by(self.emission_program.key())
        {
            log::log_pubkey(self.emission_program.key());
            return Err(fail(StakingError::WrongEmissionProgram));
        }
        Ok(())
    }

    /// Burns `amount` from `stake_vault` through emission's `burn_slash`, `config` (the vault's
    /// owner) signing with `signers`.
    pub fn invoke(
        &self,
        config: &AccountInfo,
        stake_vault: &AccountInfo,
        io_mint: &AccountInfo,
        token_program: &AccountInfo,
        amount: u64,
        signers: &[Signer],
    ) -> Result<(), ProgramError> {
        BurnSlash {
            emission_program: self.emission_program,
            burner: config,
            emission_state: self.emission_state,
            source: stake_vault,
            io_mint,
            token_program,
            amount,
        }
        .invoke_signed(signers)
    }
}
