//! What this program needs of the staking program: the `fund_rewards` CPI, the two fields of its
//! `Config` read at set-up, and a device's owner, eligibility and weight for heartbeats. Staking
//! accounts are read through the shared `staking-state` layouts and loaders.

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};
use staking_state::Config;

use crate::error::EmissionError;

const FUND_REWARDS: [u8; 8] = discriminator::instruction("fund_rewards");

/// The staking config's IO mint and reward vault, after checking `config` is a staking `Config`
/// owned by `staking_program`.
pub fn read_config(
    config: &AccountInfo,
    staking_program: &AccountInfo,
) -> Result<(Pubkey, Pubkey), ProgramError> {
    staking_program.check_executable()?;
    let config =
        staking_state::load::<Config>(config, staking_program.key(), wrong_staking_account)?;
    Ok((config.io_mint, config.reward_vault))
}

/// The staking config's stake that earns epoch rewards (active, not warming up), after checking
/// `config` is a staking `Config` owned by `staking_program`.
pub fn earning_stake(config: &AccountInfo, staking_program: &Pubkey) -> Result<u64, ProgramError> {
    let config = staking_state::load::<Config>(config, staking_program, wrong_staking_account)?;
    config
        .earning_stake()
        .ok_or_else(|| fail(EmissionError::Overflow))
}

/// A live device as the emission program counts it.
pub struct LiveDevice {
    pub owner: Pubkey,
    /// `multiplier_bps(class) * gpu_count`.
    pub weight: u64,
    /// The device has a co-staking offer: its supplier rewards are shared.
    pub shared: bool,
}

/// Reads the staking `Device` of `device_key` and the staking `config` (both checked owned by
/// `staking_program`, the device also at its PDA `["device", device_key]`) and returns its owner
/// and weight when it is eligible by the staking program's rule.
pub fn live_device(
    config: &AccountInfo,
    device: &AccountInfo,
    device_key: &Pubkey,
    staking_program: &Pubkey,
) -> Result<LiveDevice, ProgramError> {
    let cfg = staking_state::load::<Config>(config, staking_program, wrong_staking_account)?;
    let dev = staking_state::load_device(device, device_key, staking_program, || {
        fail(EmissionError::WrongDevice)
    })?;
    let multiplier = cfg
        .eligible_multiplier_bps(&dev)
        .ok_or_else(|| fail(EmissionError::DeviceNotEligible))?;
    let weight = math::checked_mul(multiplier, dev.gpu_count)
        .ok_or_else(|| fail(EmissionError::Overflow))?;
    if weight == 0 {
        return Err(fail(EmissionError::ZeroWeight));
    }
    Ok(LiveDevice {
        owner: dev.owner,
        weight,
        shared: dev.offer != 0,
    })
}

#[cold]
fn wrong_staking_account() -> ProgramError {
    fail(EmissionError::WrongStakingAccount)
}

/// `fund_rewards(amount, epochs_end_ts)` of the staking program: moves `amount` (possibly 0)
/// from `funder_token` (owned by `funder`, this program's state PDA and the IO mint authority,
/// signed for by `signers`) into the reward vault as the staker share of the epochs that end by
/// `epochs_end_ts`.
pub struct FundRewards<'a> {
    pub staking_program: &'a AccountInfo,
    pub funder: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub funder_token: &'a AccountInfo,
    pub reward_vault: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub amount: u64,
    pub epochs_end_ts: i64,
}

impl FundRewards<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly_signer(self.funder.key()),
            AccountMeta::writable(self.config.key()),
            AccountMeta::writable(self.funder_token.key()),
            AccountMeta::writable(self.reward_vault.key()),
            AccountMeta::readonly(self.token_program.key()),
            AccountMeta::readonly(self.io_mint.key()),
        ];
        let mut data = [0u8; 24];
        data[..8].copy_from_slice(&FUND_REWARDS);
        data[8..16].copy_from_slice(&self.amount.to_le_bytes());
        data[16..].copy_from_slice(&self.epochs_end_ts.to_le_bytes());
        let instruction = Instruction {
            program_id: self.staking_program.key(),
            accounts: &metas,
            data: &data,
        };
        invoke_signed(
            &instruction,
            &[
                self.funder,
                self.config,
                self.funder_token,
                self.reward_vault,
                self.token_program,
                self.io_mint,
            ],
            signers,
        )
    }
}
