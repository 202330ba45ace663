//! Slashing a device through the staking program's `slash` instruction, and reserving and
//! releasing its stake for a job (`reserve_device_stake`, `release_device_stake`), each signed by
//! the config PDA (the staking program's configured slasher).

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction};
use ionet_sdk::discriminator::instruction;
use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};
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
    /// The device's co-staking offer (staking PDA `["offer", device_key]`), passed after the
    /// instruction's named accounts: a release counts the job's outcome in it (the staking
    /// program requires it for a device with an offer and checks its address).
    pub offer: Option<&'a AccountInfo>,
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
        if amount == 0 {
            return Ok(());
        }
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&const { instruction("reserve_device_stake") });
        data[8..].copy_from_slice(&amount.to_le_bytes());
        self.invoke(&data, config_bump)
    }

    /// Releases `amount` of the device's job reserve, the job having ended with `outcome`
    /// (`staking_state::OUTCOME_*`).
    pub fn release(&self, amount: u64, outcome: u8, config_bump: u8) -> ProgramResult {
        if amount == 0 {
            return Ok(());
        }
        let mut data = [0u8; 17];
        data[..8].copy_from_slice(&const { instruction("release_device_stake") });
        data[8..16].copy_from_slice(&amount.to_le_bytes());
        data[16] = outcome;
        self.invoke(&data, config_bump)
    }

    /// Sends `data` to the staking program; a release (17 bytes: it carries the outcome) passes
    /// the offer after the device when given.
    fn invoke(&self, data: &[u8], config_bump: u8) -> ProgramResult {
        let with_offer = data.len() == 17;
        let metas = [
            AccountMeta::readonly_signer(self.slasher.key()),
            AccountMeta::readonly(self.staking_config.key()),
            AccountMeta::writable(self.device.key()),
        ];
        let accounts = [self.slasher, self.staking_config, self.device];
        let ix = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data,
        };
        match self.offer.filter(|_| with_offer) {
            None => as_config(config_bump, |signers| {
                invoke_signed(&ix, &accounts, signers)
            }),
            Some(offer) => {
                let mut with = [AccountMeta::writable(offer.key()); 4];
                with[..3].copy_from_slice(&metas);
                let ix = Instruction {
                    accounts: &with,
                    ..ix
                };
                let infos = [self.slasher, self.staking_config, self.device, offer];
                as_config(config_bump, |signers| invoke_signed(&ix, &infos, signers))
            }
        }
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
    /// The device's co-staking offer (staking PDA `["offer", device_key]`), passed after the
    /// instruction's named accounts: the staking program requires it for a device with an offer
    /// (first loss to the owner, then co-stake pro rata) and checks its address.
    pub offer: Option<&'a AccountInfo>,
    /// How the job ended (`staking_state::OUTCOME_EXPIRED` or `OUTCOME_FRAUD`), counted in the
    /// offer's reliability record when the reserve is released.
    pub outcome: u8,
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
            offer: self.offer,
        }
        .release(reserved, self.outcome, config_bump)?;
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
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&const { instruction("slash") });
        data[8..].copy_from_slice(&amount.to_le_bytes());
        let metas = [
            AccountMeta::readonly_signer(self.slasher.key()),
            AccountMeta::writable(self.staking_config.key()),
            AccountMeta::writable(self.device.key()),
            AccountMeta::writable(self.stake_vault.key()),
            AccountMeta::writable(self.io_mint.key()),
            AccountMeta::writable(self.beneficiary.key()),
            AccountMeta::readonly(self.token_program.key()),
            AccountMeta::readonly(self.emission_program.key()),
            AccountMeta::writable(self.emission_state.key()),
        ];
        let ix = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data: &data,
        };
        let accounts = [
            self.slasher,
            self.staking_config,
            self.device,
            self.stake_vault,
            self.io_mint,
            self.beneficiary,
            self.token_program,
            self.emission_program,
            self.emission_state,
        ];
        match self.offer {
            None => as_config(config_bump, |signers| {
                invoke_signed(&ix, &accounts, signers)
            })?,
            Some(offer) => {
                let mut with_offer = [AccountMeta::writable(offer.key()); 10];
                with_offer[..9].copy_from_slice(&metas);
                let ix = Instruction {
                    accounts: &with_offer,
                    ..ix
                };
                let mut infos = [offer; 10];
                infos[..9].copy_from_slice(&accounts);
                as_config(config_bump, |signers| invoke_signed(&ix, &infos, signers))?
            }
        }
        Ok(amount)
    }
}
