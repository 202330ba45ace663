//! Slashing a device through the staking program's `slash` instruction, and reserving and
//! releasing its stake for a job (`reserve_device_stake`, `release_device_stake`), each signed by
//! the config PDA (the staking program's configured slasher).

use ionet_sdk::error::fail;
use ionet_sdk::state::Layout;
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};
use staking_state::cpi::{DeviceReserve, Slash as SlashCpi};
use staking_state::Device;

use super::shared::{as_config, overflow};
use crate::error::JobsError;

/// The staking accounts a job's reserve moves: the device's stake account, read and written by
/// the staking program at the slasher's (the jobs config PDA's) request. The device's co-staking
/// offer (staking's `DeviceOffer` of the device) is passed after the instruction's named accounts: a
/// release counts the job's outcome in it (the staking program requires it for a device with an
/// offer and checks its address).
pub struct Reserve<'a>(pub DeviceReserve<'a>);

impl<'a> Reserve<'a> {
    /// `device`'s reserve, moved by the jobs config PDA (`config`, the staking program's
    /// slasher), `offer` passed after the named accounts when given.
    pub fn new(
        staking_program: &'a AccountInfo,
        config: &'a AccountInfo,
        staking_config: &'a AccountInfo,
        device: &'a AccountInfo,
        offer: Option<&'a AccountInfo>,
    ) -> Self {
        Reserve(DeviceReserve {
            staking_program,
            slasher: config,
            staking_config,
            device,
            offer,
        })
    }

    /// Checks the staking program and that `device` is the job's device (the staking program
    /// checks its config and the device account).
    pub fn check(&self, staking_program: &Pubkey, job_device: &Pubkey) -> ProgramResult {
        check_device(
            self.0.staking_program,
            self.0.device,
            staking_program,
            job_device,
        )
    }

    /// Reserves `amount` of the device's free stake.
    pub fn reserve(&self, amount: u64, config_bump: u8) -> ProgramResult {
        if amount == 0 {
            return Ok(());
        }
        as_config(config_bump, |signers| self.0.reserve(amount, signers))
    }

    /// Releases `amount` of the device's job reserve, the job having ended with `outcome`
    /// (`staking_state::OUTCOME_*`), passing the offer when given.
    pub fn release(&self, amount: u64, outcome: u8, config_bump: u8) -> ProgramResult {
        if amount == 0 {
            return Ok(());
        }
        as_config(config_bump, |signers| {
            self.0.release(amount, outcome, signers)
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

/// A job's slash: the accounts the staking program's `slash` takes (the slasher is the jobs
/// config PDA; the device's offer, when given, takes the first loss from the owner, then co-stake
/// pro rata; no slasher entry), and how the job ended.
pub struct Slash<'a> {
    pub stake: SlashCpi<'a>,
    /// How the job ended (`staking_state::OUTCOME_EXPIRED` or `OUTCOME_FRAUD`), counted in the
    /// offer's reliability record when the reserve is released.
    pub outcome: u8,
}

impl<'a> Slash<'a> {
    /// The slash of a job that ended with `outcome`, signed by the jobs config PDA (`config`),
    /// from the run of accounts at `first` in the instruction's accounts, in the order
    /// `expire_job` and `resolve_challenge` take them: token program, staking program, staking
    /// config, device, stake vault, IO mint, beneficiary, emission program, emission state, then
    /// the device's offer when passed.
    pub fn at(
        config: &'a AccountInfo,
        accounts: &'a [AccountInfo],
        first: usize,
        outcome: u8,
    ) -> Result<Self, ProgramError> {
        let Some(
            [token_program, staking_program, staking_config, device, stake_vault, io_mint, beneficiary, emission_program, emission_state, rest @ ..],
        ) = accounts.get(first..)
        else {
            return Err(ProgramError::NotEnoughAccountKeys);
        };
        Ok(Slash {
            stake: SlashCpi {
                staking_program,
                slasher: config,
                staking_config,
                device,
                stake_vault,
                io_mint,
                beneficiary,
                token_program,
                emission_program,
                emission_state,
                offer: rest.first(),
                slasher_entry: None,
            },
            outcome,
        })
    }

    /// Checks the staking program and that `device` is the job's device (the staking program
    /// checks the rest: its config, vault, mint and the beneficiary's mint).
    pub fn check(&self, staking_program: &Pubkey, job_device: &Pubkey) -> ProgramResult {
        check_device(
            self.stake.staking_program,
            self.stake.device,
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
        let stake = &self.stake;
        Reserve(DeviceReserve {
            staking_program: stake.staking_program,
            slasher: stake.slasher,
            staking_config: stake.staking_config,
            device: stake.device,
            offer: stake.offer,
        })
        .release(reserved, self.outcome, config_bump)?;
        self.invoke(penalty.min(reserved), config_bump)
    }

    /// Slashes `penalty`, or everything the device still has at stake when that is less
    /// (active and cooling). Returns the amount slashed.
    fn invoke(&self, penalty: u64, config_bump: u8) -> Result<u64, ProgramError> {
        let stake = &self.stake;
        let at_stake = {
            stake.device.check_owner(stake.staking_program.key())?;
            let data = stake.device.try_borrow_data()?;
            let device = Device::view(&data).ok_or_else(|| fail(JobsError::WrongStakingAccount))?;
            device.at_stake().ok_or_else(overflow)?
        };
        let amount = penalty.min(at_stake);
        if amount == 0 {
            return Ok(0);
        }
        as_config(config_bump, |signers| stake.invoke_signed(amount, signers))?;
        Ok(amount)
    }
}
