//! What this program needs of the staking program: the `fund_rewards` CPI, the two fields of its
//! `Config` read at set-up, and a device's owner, eligibility and weight for heartbeats. (The staking crate is not a dependency: with Cargo's feature
//! unification across the workspace build, depending on it with `no-entrypoint` would strip
//! the entrypoint from staking.so itself. Offsets from `programs-idl/staking.json`.)

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use ionet_sdk::discriminator;
use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::pda::create_program_address;
use ionet_sdk::{AccountInfo, ProgramError, ProgramResult, Pubkey};

use crate::error::EmissionError;

/// Size of the staking program's `Config` account.
const CONFIG_LEN: usize = 464;
const CONFIG_DISCRIMINATOR: [u8; 8] = discriminator::account("Config");
const IO_MINT_OFFSET: usize = 8 + 2 * 32;
const REWARD_VAULT_OFFSET: usize = 8 + 4 * 32;
const FUND_REWARDS: [u8; 8] = discriminator::instruction("fund_rewards");
const MIN_DEVICE_STAKE_OFFSET: usize = 8 + 5 * 32 + 8;
/// `gpu_classes`: 8 entries of a 16-byte name and a u64 multiplier in basis points.
const GPU_CLASSES_OFFSET: usize = MIN_DEVICE_STAKE_OFFSET + 8 + 10 * 8;
const GPU_CLASS_LEN: usize = 24;
const MAX_GPU_CLASSES: usize = 8;
const GPU_CLASS_COUNT_OFFSET: usize = GPU_CLASSES_OFFSET + MAX_GPU_CLASSES * GPU_CLASS_LEN;

/// Size of the staking program's `Device` account, and its fields' offsets.
const DEVICE_LEN: usize = 168;
const DEVICE_DISCRIMINATOR: [u8; 8] = discriminator::account("Device");
const DEVICE_SEED: &[u8] = b"device";
const OWNER_OFFSET: usize = 8;
const DEVICE_KEY_OFFSET: usize = 8 + 32;
const GPU_COUNT_OFFSET: usize = 8 + 2 * 32;
const STAKE_OFFSET: usize = GPU_COUNT_OFFSET + 8;
const GPU_CLASS_OFFSET: usize = STAKE_OFFSET + 2 * 8 + 4 * 16;
const DEVICE_BUMP_OFFSET: usize = GPU_CLASS_OFFSET + 1;
const BPS: u64 = 10_000;

const _: () = assert!(GPU_CLASS_COUNT_OFFSET + 8 == CONFIG_LEN);
const _: () = assert!(DEVICE_BUMP_OFFSET + 7 == DEVICE_LEN);

/// The staking config's IO mint and reward vault, after checking `config` is a staking `Config`
/// owned by `staking_program`.
pub fn read_config(config: &AccountInfo, staking_program: &AccountInfo) -> Result<(Pubkey, Pubkey), ProgramError> {
    staking_program.check_executable()?;
    if !config.is_owned_by(staking_program.key()) {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let data = config.try_borrow_data()?;
    if data.len() != CONFIG_LEN || data[..8] != CONFIG_DISCRIMINATOR {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let mut io_mint = [0u8; 32];
    let mut reward_vault = [0u8; 32];
    io_mint.copy_from_slice(&data[IO_MINT_OFFSET..IO_MINT_OFFSET + 32]);
    reward_vault.copy_from_slice(&data[REWARD_VAULT_OFFSET..REWARD_VAULT_OFFSET + 32]);
    Ok((io_mint, reward_vault))
}

fn u64_at(data: &[u8], offset: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&data[offset..offset + 8]);
    u64::from_le_bytes(word)
}

fn pubkey_at(data: &[u8], offset: usize) -> Pubkey {
    let mut key = [0u8; 32];
    key.copy_from_slice(&data[offset..offset + 32]);
    key
}

/// A live device as the emission program counts it.
pub struct LiveDevice {
    pub owner: Pubkey,
    /// `multiplier_bps(class) * gpu_count`.
    pub weight: u64,
}

/// Reads the staking `Device` of `device_key` and the staking `config` (both checked owned by
/// `staking_program`, the device also at its PDA `["device", device_key]`) and returns its owner
/// and weight when it is eligible by the staking program's rule: stake at least
/// `min_per_gpu * max(1, multiplier) * gpu_count`, the multiplier in basis points rounded up.
pub fn live_device(
    config: &AccountInfo,
    device: &AccountInfo,
    device_key: &Pubkey,
    staking_program: &Pubkey,
) -> Result<LiveDevice, ProgramError> {
    if !config.is_owned_by(staking_program) {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    let cfg = config.try_borrow_data()?;
    if cfg.len() != CONFIG_LEN || cfg[..8] != CONFIG_DISCRIMINATOR {
        return Err(fail(EmissionError::WrongStakingAccount));
    }
    if !device.is_owned_by(staking_program) {
        return Err(fail(EmissionError::WrongDevice));
    }
    let dev = device.try_borrow_data()?;
    if dev.len() != DEVICE_LEN || dev[..8] != DEVICE_DISCRIMINATOR || &pubkey_at(&dev, DEVICE_KEY_OFFSET) != device_key {
        return Err(fail(EmissionError::WrongDevice));
    }
    let bump = [dev[DEVICE_BUMP_OFFSET]];
    let address = create_program_address(&[DEVICE_SEED, device_key, &bump], staking_program);
    if address.as_ref() != Ok(device.key()) {
        return Err(fail(EmissionError::WrongDevice));
    }

    let class = dev[GPU_CLASS_OFFSET] as usize;
    if class >= cfg[GPU_CLASS_COUNT_OFFSET] as usize || class >= MAX_GPU_CLASSES {
        return Err(fail(EmissionError::DeviceNotEligible));
    }
    let multiplier = u64_at(&cfg, GPU_CLASSES_OFFSET + class * GPU_CLASS_LEN + 16);
    let gpu_count = u64_at(&dev, GPU_COUNT_OFFSET);
    let required = math::mul_div_ceil(u64_at(&cfg, MIN_DEVICE_STAKE_OFFSET), multiplier.max(BPS), BPS)
        .and_then(|per_gpu| math::checked_mul(per_gpu, gpu_count));
    if !matches!(required, Some(required) if u64_at(&dev, STAKE_OFFSET) >= required) {
        return Err(fail(EmissionError::DeviceNotEligible));
    }
    let weight = math::checked_mul(multiplier, gpu_count).ok_or_else(|| fail(EmissionError::Overflow))?;
    if weight == 0 {
        return Err(fail(EmissionError::ZeroWeight));
    }
    Ok(LiveDevice { owner: pubkey_at(&dev, OWNER_OFFSET), weight })
}

/// `fund_rewards(amount)` of the staking program: moves `amount` from `funder_token` (owned by
/// `funder`, a PDA of this program signed for by `signers`) into the reward vault.
pub struct FundRewards<'a> {
    pub staking_program: &'a AccountInfo,
    pub funder: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub funder_token: &'a AccountInfo,
    pub reward_vault: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub amount: u64,
}

impl FundRewards<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::readonly_signer(self.funder.key()),
            AccountMeta::writable(self.config.key()),
            AccountMeta::writable(self.funder_token.key()),
            AccountMeta::writable(self.reward_vault.key()),
            AccountMeta::readonly(self.token_program.key()),
        ];
        let mut data = [0u8; 16];
        data[..8].copy_from_slice(&FUND_REWARDS);
        data[8..].copy_from_slice(&self.amount.to_le_bytes());
        let instruction = Instruction { program_id: self.staking_program.key(), accounts: &metas, data: &data };
        invoke_signed(
            &instruction,
            &[self.funder, self.config, self.funder_token, self.reward_vault, self.token_program],
            signers,
        )
    }
}
