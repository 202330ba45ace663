//! Slashing a device through the staking program's `slash` instruction, and reserving and
//! releasing its stake for a job (`reserve_device_stake`, `release_device_stake`), each signed by
//! the config PDA (the staking program's configured slasher).

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};
use staking_state::cpi::{DeviceReserve, Slash as SlashCpi};
use staking_state::instruction::{RELEASE_DEVICE_STAKE, RESERVE_DEVICE_STAKE};
use staking_state::Device;

use super::shared::{as_config, overflow};
use crate::error::JobsError;

/// The staking accounts a job's reserve moves: the device's stake account, read and written by
/// the staking program at the slasher's (the config PDA's) request.
pub struct Reserve<'a> {
    pub staking_program: &'a AccountInfo,
    /// The jobs config PDA: the slasher.
    pub slasher: &'a AccountInfo,
    pub staking_config: &'a AccountInfo,
    pub device: &'a AccountInfo,
}

impl Reserve<'_> {
    /// Checks the staking program and that `device` is the job's device (the staking program
    /// checks its config and the device account).
    pub fn check(&self, staking_program: &Pubkey, job_device: &Pubkey) -> ProgramResult {
        check_device(
            self.staking_program,
            self.device,
            staking_program,
            job_device,
        )
    }

    /// Reserves `amount` of the device's free stake.
    pub fn reserve(&self, amount: u64, config_bump: u8) -> ProgramResult {
        self.invoke(RESERVE_DEVICE_STAKE, amount, config_bump)
    }

    /// Releases `amount` of the device's job reserve.
    pub fn release(&self, amount: u64, config_bump: u8) -> ProgramResult {
        self.invoke(RELEASE_DEVICE_STAKE, amount, config_bump)
    }

    fn invoke(&self, tag: u64, amount: u64, config_bump: u8) -> ProgramResult {
        if amount == 0 {
            return Ok(());
        }
        as_config(config_bump, |signers| {
            DeviceReserve {
                staking_program: self.staking_program,
                slasher: self.slasher,
                staking_config: self.staking_config,
                device: self.device,
            }
            .invoke_signed(tag, amount, signers)
        })
    }
}

/// `staking_program` is the configured one and `device` the job's device.
fn check_device(
    program: &AccountInfo,
    device: &AccountInfo,
    staking_program: &Pubkey,
    job_device: &Pubkey,
) -> ProgramResult {
    program.check_program(staking_program)?;
    if device.key() != job_device {
        log::log_pubkey(device.key());
        return Err(fail(JobsError::WrongDevice));
    }
    Ok(())
}

/// The accounts the staking program's `slash` takes, in its order, plus the program itself.
pub struct Slash<'a> {
    pub staking_program: &'a AccountInfo,
    /// The jobs config PDA: the slasher.
    pub slasher: &'a AccountInfo,
    pub staking_config: &'a AccountInfo,
    pub device: &'a AccountInfo,
    pub stake_vault: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub beneficiary: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    /// The emission program and its state: the burned share goes through the burn ledger
    /// (the staking program checks they are the IO mint authority's).
    pub emission_program: &'a AccountInfo,
    pub emission_state: &'a AccountInfo,
}

impl Slash<'_> {
    /// Checks the staking program and that `device` is the job's device (the staking program
    /// checks the rest: its config, vault, mint and the beneficiary's mint).
    pub fn check(&self, staking_program: &Pubkey, job_device: &Pubkey) -> ProgramResult {
        check_device(
            self.staking_program,
            self.device,
            staking_program,
            job_device,
        )
    }

    /// Releases the job's reserve (`reserved`), then slashes `penalty` but never more than was
    /// reserved for the job. Returns the amount slashed.
    pub fn release_and_slash(
        &self,
        reserved: u64,
        penalty: u64,
        config_bump: u8,
    ) -> Result<u64, ProgramError> {
        Reserve {
            staking_program: self.staking_program,
            slasher: self.slasher,
            staking_config: self.staking_config,
            device: self.device,
        }
        .release(reserved, config_bump)?;
        self.invoke(penalty.min(reserved), config_bump)
    }

    /// Slashes `penalty`, or everything the device still has at stake when that is less
    /// (active and cooling). Returns the amount slashed.
    fn invoke(&self, penalty: u64, config_bump: u8) -> Result<u64, ProgramError> {
        let at_stake = {
            self.device.check_owner(self.staking_program.key())?;
            let data = self.device.try_borrow_data()?;
            let device = Device::view(&data).ok_or_else(|| fail(JobsError::WrongStakingAccount))?;
            device.at_stake().ok_or_else(overflow)?
        };
        let amount = penalty.min(at_stake);
        if amount == 0 {
            return Ok(0);
        }
        as_config(config_bump, |signers| {
            SlashCpi {
                staking_program: self.staking_program,
                slasher: self.slasher,
                staking_config: self.staking_config,
                device: self.device,
                stake_vault: self.stake_vault,
                io_mint: self.io_mint,
                beneficiary: self.beneficiary,
                token_program: self.token_program,
                emission_program: self.emission_program,
                emission_state: self.emission_state,
                amount,
            }
            .invoke_signed(signers)
        })?;
        Ok(amount)
    }
}
