//! Read-only views of the staking program's accounts that `claim_job`, `challenge_job` and the
//! slashing paths read in place, and its device eligibility rule.
//!
//! Mirrored from `programs/staking/src/state.rs` (and `programs-idl/staking.json`) rather than
//! imported: the staking crate is a `cdylib`, and depending on it with its `no-entrypoint`
//! feature would, through Cargo's feature unification in `make programs` (one `--workspace`
//! build), strip the entrypoint from the staking program itself. The size assertions and the
//! discriminators pin the layouts; the Go tests run claims against the real staking program at
//! and around the eligibility threshold. (To move later: a lib-only `staking-state` crate both
//! programs depend on.)

use ionet_sdk::discriminator;
use ionet_sdk::math;
use ionet_sdk::Pubkey;

pub const CONFIG_SEED: &[u8] = b"config";
pub const DEVICE_SEED: &[u8] = b"device";
pub const MAX_GPU_CLASSES: usize = 8;
const POSITION_COOLDOWNS: usize = 8;
const DEVICE_COOLDOWNS: usize = 4;
const BPS: u64 = 10_000;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct GpuClass {
    pub name: [u8; 16],
    pub multiplier_bps: u64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Cooldown {
    pub amount: u64,
    pub unlock_ts: i64,
}

/// Staking `Config`, PDA `["config"]` of the staking program.
#[repr(C)]
pub struct StakingConfig {
    pub discriminator: [u8; 8],
    pub authority: Pubkey,
    pub slasher: Pubkey,
    pub io_mint: Pubkey,
    pub stake_vault: Pubkey,
    pub reward_vault: Pubkey,
    pub cooldown_seconds: i64,
    pub min_device_stake_per_gpu: u64,
    pub totals: [u64; 10],
    pub gpu_classes: [GpuClass; MAX_GPU_CLASSES],
    pub gpu_class_count: u8,
    pub bump: u8,
    pub vault_bumps: [u8; 2],
    pub reserved: [u8; 4],
}

/// Staking `StakePosition`, PDA `["position", owner]`.
#[repr(C)]
pub struct StakePosition {
    pub discriminator: [u8; 8],
    pub owner: Pubkey,
    pub active: u64,
    pub rewards: [u64; 4],
    pub cooldowns: [Cooldown; POSITION_COOLDOWNS],
    pub bump: u8,
    pub reserved: [u8; 7],
}

/// Staking `Device`, PDA `["device", device_key]`.
#[repr(C)]
pub struct Device {
    pub discriminator: [u8; 8],
    pub owner: Pubkey,
    pub device_key: Pubkey,
    pub gpu_count: u64,
    pub stake: u64,
    pub registered_ts: i64,
    pub cooldowns: [Cooldown; DEVICE_COOLDOWNS],
    pub gpu_class: u8,
    pub bump: u8,
    pub reserved: [u8; 6],
}

const _: () = assert!(
    core::mem::size_of::<StakingConfig>() == 8 + 5 * 32 + 12 * 8 + MAX_GPU_CLASSES * 24 + 8
);
const _: () =
    assert!(core::mem::size_of::<StakePosition>() == 8 + 32 + 5 * 8 + POSITION_COOLDOWNS * 16 + 8);
const _: () =
    assert!(core::mem::size_of::<Device>() == 8 + 2 * 32 + 3 * 8 + DEVICE_COOLDOWNS * 16 + 8);

/// A staking account layout, read only.
///
/// # Safety
/// As `ionet_sdk::state::Layout`: `#[repr(C)]`, discriminator first, no padding, alignment at
/// most 8, every bit pattern valid.
pub unsafe trait View: Sized {
    const DISCRIMINATOR: [u8; 8];

    /// Views `data` when its size, alignment and discriminator match.
    fn view(data: &[u8]) -> Option<&Self> {
        let fits = data.len() == core::mem::size_of::<Self>()
            && (data.as_ptr() as usize).is_multiple_of(core::mem::align_of::<Self>());
        if !fits || data[..8] != Self::DISCRIMINATOR {
            return None;
        }
        // SAFETY: size and alignment checked above; every bit pattern is valid (trait contract).
        Some(unsafe { &*(data.as_ptr() as *const Self) })
    }
}

// SAFETY: each is #[repr(C)], discriminator first, integer and byte-array fields only, without
// padding (size assertions above), alignment 8.
unsafe impl View for StakingConfig {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Config");
}
// SAFETY: as above.
unsafe impl View for StakePosition {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("StakePosition");
}
// SAFETY: as above.
unsafe impl View for Device {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("Device");
}

impl StakingConfig {
    /// The staking program's rule: stake `>= min_per_gpu * max(1, multiplier) * gpu_count`,
    /// the multiplier in basis points, rounded up; a class outside the table is never eligible.
    pub fn is_device_eligible(&self, device: &Device) -> bool {
        if device.gpu_class >= self.gpu_class_count || device.gpu_class as usize >= MAX_GPU_CLASSES
        {
            return false;
        }
        let multiplier = self.gpu_classes[device.gpu_class as usize]
            .multiplier_bps
            .max(BPS);
        let required = math::mul_div_ceil(self.min_device_stake_per_gpu, multiplier, BPS)
            .and_then(|per_gpu| math::checked_mul(per_gpu, device.gpu_count));
        matches!(required, Some(required) if device.stake >= required)
    }
}

impl Device {
    /// Active plus cooling stake: the most a slash can take.
    pub fn at_stake(&self) -> Option<u64> {
        self.cooldowns
            .iter()
            .try_fold(self.stake, |sum, c| sum.checked_add(c.amount))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IO: u64 = 100_000_000;

    fn config(min_per_gpu: u64, multiplier_bps: u64) -> StakingConfig {
        let mut classes = [GpuClass {
            name: [0; 16],
            multiplier_bps: 0,
        }; MAX_GPU_CLASSES];
        classes[0].multiplier_bps = multiplier_bps;
        StakingConfig {
            discriminator: [0; 8],
            authority: [0; 32],
            slasher: [0; 32],
            io_mint: [0; 32],
            stake_vault: [0; 32],
            reward_vault: [0; 32],
            cooldown_seconds: 0,
            min_device_stake_per_gpu: min_per_gpu,
            totals: [0; 10],
            gpu_classes: classes,
            gpu_class_count: 1,
            bump: 0,
            vault_bumps: [0; 2],
            reserved: [0; 4],
        }
    }

    fn device(class: u8, gpus: u64, stake: u64) -> Device {
        Device {
            discriminator: [0; 8],
            owner: [0; 32],
            device_key: [0; 32],
            gpu_count: gpus,
            stake,
            registered_ts: 0,
            cooldowns: [Cooldown {
                amount: 0,
                unlock_ts: 0,
            }; DEVICE_COOLDOWNS],
            gpu_class: class,
            bump: 0,
            reserved: [0; 6],
        }
    }

    // Same cases as the staking program's `device_requirement` test.
    #[test]
    fn eligibility_matches_the_staking_rule() {
        let cases = [
            ("H100 x8 (10x)", 100_000, 8, 16_000 * IO),
            ("RTX 4070 (0.25x counts as 1x)", 2_500, 1, 200 * IO),
            ("A100 x2 (5x)", 50_000, 2, 2_000 * IO),
            ("1.5x rounds up", 15_000, 1, 300 * IO),
        ];
        for (name, multiplier, gpus, required) in cases {
            let cfg = config(200 * IO, multiplier);
            assert!(
                cfg.is_device_eligible(&device(0, gpus, required)),
                "{name}: at the threshold"
            );
            assert!(
                !cfg.is_device_eligible(&device(0, gpus, required - 1)),
                "{name}: one below"
            );
        }
        assert!(
            !config(200 * IO, 10_000).is_device_eligible(&device(1, 1, u64::MAX)),
            "class outside the table"
        );
        assert!(
            !config(u64::MAX, 100_000).is_device_eligible(&device(0, 2, u64::MAX)),
            "requirement overflows"
        );
    }
}
