//! Instruction tags (from `staking-state`) and argument decoding (Borsh, as the IDL declares the args, read
//! with `ionet_sdk::args::Args`).

use ionet_sdk::args::Args;
use ionet_sdk::error::fail;
use ionet_sdk::{ProgramError, Pubkey};

use crate::error::StakingError;
use crate::state::{Config, GpuClass, BPS, MAX_GPU_CLASSES};

// The instruction tags are the interface crate's, shared with the programs that call staking.
pub use staking_state::instruction::*;

/// A positive amount: the only argument of most instructions.
pub fn amount_arg(data: &[u8]) -> Result<u64, ProgramError> {
    let mut args = Args::new(data);
    let amount = args.u64()?;
    args.finish()?;
    if amount == 0 {
        return Err(fail(StakingError::ZeroAmount));
    }
    Ok(amount)
}

// Parameter bounds (the IDL's `Params` docs list them).
/// Longest cooldown the parameters accept: one year.
pub const MAX_COOLDOWN_SECONDS: i64 = 365 * 24 * 3600;
/// Largest GPU multiplier the parameters accept: 1000x.
pub const MAX_MULTIPLIER_BPS: u64 = 1000 * BPS;

/// The settable parameters (`initialize`, `update_params`), IDL type `Params`.
pub struct Params {
    pub cooldown_seconds: i64,
    pub min_device_stake_per_gpu: u64,
    pub slash_burn_bps: u64,
    pub slasher: Pubkey,
    pub gpu_class_count: u8,
    pub gpu_classes: [GpuClass; MAX_GPU_CLASSES],
}

impl Params {
    /// Decodes and validates the parameters.
    pub fn parse(data: &[u8]) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let mut params = Params {
            cooldown_seconds: args.i64()?,
            min_device_stake_per_gpu: args.u64()?,
            slash_burn_bps: args.u64()?,
            slasher: *args.pubkey()?,
            gpu_class_count: args.u8()?,
            gpu_classes: [GpuClass::default(); MAX_GPU_CLASSES],
        };
        for class in params.gpu_classes.iter_mut() {
            class.name = *args.bytes::<16>()?;
            class.multiplier_bps = args.u64()?;
        }
        args.finish()?;
        if !params.is_valid() {
            return Err(fail(StakingError::InvalidParams));
        }
        Ok(params)
    }

    fn is_valid(&self) -> bool {
        let count = self.gpu_class_count as usize;
        (0..=MAX_COOLDOWN_SECONDS).contains(&self.cooldown_seconds)
            && self.min_device_stake_per_gpu > 0
            && self.slash_burn_bps <= BPS
            && (1..=MAX_GPU_CLASSES).contains(&count)
            && self.gpu_classes[..count]
                .iter()
                .all(|c| c.name[0] != 0 && (1..=MAX_MULTIPLIER_BPS).contains(&c.multiplier_bps))
    }

    /// Whether applying these parameters leaves the slasher as it is: it is fixed at
    /// `initialize` (the jobs program's PDA), so no authority can slash through a slasher of its
    /// choosing.
    pub fn keeps_slasher(&self, config: &Config) -> bool {
        self.slasher == config.slasher
    }

    /// Writes the parameters into `config`.
    pub fn apply(&self, config: &mut Config) {
        config.cooldown_seconds = self.cooldown_seconds;
        config.min_device_stake_per_gpu = self.min_device_stake_per_gpu;
        config.slash_burn_bps = self.slash_burn_bps;
        config.slasher = self.slasher;
        config.gpu_class_count = self.gpu_class_count;
        config.gpu_classes = self.gpu_classes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Borsh bytes of `Params` as the IDL declares them.
    fn encode(
        cooldown: i64,
        min: u64,
        burn: u64,
        count: u8,
        multipliers: [u64; MAX_GPU_CLASSES],
    ) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&cooldown.to_le_bytes());
        out.extend_from_slice(&min.to_le_bytes());
        out.extend_from_slice(&burn.to_le_bytes());
        out.extend_from_slice(&[7; 32]);
        out.push(count);
        for (i, m) in multipliers.iter().enumerate() {
            let mut name = [0u8; 16];
            name[0] = b'A' + i as u8;
            out.extend_from_slice(&name);
            out.extend_from_slice(&m.to_le_bytes());
        }
        out
    }

    #[test]
    fn params_parse_and_validate() {
        let ok = [100_000, 2_500, 0, 0, 0, 0, 0, 0];
        let params = Params::parse(&encode(1_209_600, 200, 5_000, 2, ok)).unwrap();
        assert_eq!(
            (
                params.cooldown_seconds,
                params.min_device_stake_per_gpu,
                params.slash_burn_bps
            ),
            (1_209_600, 200, 5_000)
        );
        assert_eq!(params.slasher, [7; 32]);
        assert_eq!(params.gpu_classes[1].multiplier_bps, 2_500);
        assert_eq!(&params.gpu_classes[1].name[..2], b"B\0");

        let invalid = Err(ProgramError::Custom(StakingError::InvalidParams as u32));
        let cases = [
            ("negative cooldown", encode(-1, 200, 5_000, 2, ok)),
            (
                "cooldown over a year",
                encode(MAX_COOLDOWN_SECONDS + 1, 200, 5_000, 2, ok),
            ),
            ("zero minimum device stake", encode(0, 0, 5_000, 2, ok)),
            ("burn share above 100%", encode(0, 200, BPS + 1, 2, ok)),
            ("no classes", encode(0, 200, 0, 0, ok)),
            ("more than 8 classes", encode(0, 200, 0, 9, ok)),
            ("a used class without multiplier", encode(0, 200, 0, 3, ok)),
            (
                "multiplier above 1000x",
                encode(0, 200, 0, 1, [MAX_MULTIPLIER_BPS + 1, 0, 0, 0, 0, 0, 0, 0]),
            ),
        ];
        for (name, data) in cases {
            assert_eq!(Params::parse(&data).map(|_| ()), invalid, "{name}");
        }
        let data = encode(0, 200, 0, 2, ok);
        assert_eq!(
            Params::parse(&data[..data.len() - 1]).map(|_| ()),
            Err(ProgramError::InvalidInstructionData),
            "short"
        );
        let mut long = data.clone();
        long.push(0);
        assert_eq!(
            Params::parse(&long).map(|_| ()),
            Err(ProgramError::InvalidInstructionData),
            "trailing byte"
        );
    }

    #[test]
    fn amounts() {
        assert_eq!(amount_arg(&5u64.to_le_bytes()), Ok(5));
        assert_eq!(
            amount_arg(&0u64.to_le_bytes()),
            Err(ProgramError::Custom(StakingError::ZeroAmount as u32))
        );
        assert_eq!(
            amount_arg(&[1, 2, 3]),
            Err(ProgramError::InvalidInstructionData)
        );
    }
}
