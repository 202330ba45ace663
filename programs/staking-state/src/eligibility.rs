//! The device eligibility rule: a device may take jobs and earn supplier rewards while its
//! active stake covers `min_device_stake_per_gpu * max(1, multiplier) * gpu_count`.

use ionet_sdk::math;

use crate::layout::{Config, Device, BPS};

/// `min_per_gpu * max(1, multiplier) * gpu_count`, the multiplier in basis points, rounded up.
pub fn required_device_stake(min_per_gpu: u64, multiplier_bps: u64, gpu_count: u64) -> Option<u64> {
    let per_gpu = math::mul_div_ceil(min_per_gpu, multiplier_bps.max(BPS), BPS)?;
    math::checked_mul(per_gpu, gpu_count)
}

impl Config {
    /// The multiplier of class `index`, or `None` outside the table.
    pub fn gpu_multiplier_bps(&self, index: u8) -> Option<u64> {
        if index >= self.gpu_class_count {
            return None;
        }
        self.gpu_classes
            .get(index as usize)
            .map(|class| class.multiplier_bps)
    }

    /// The multiplier of `device`'s GPU class when the device is eligible, `None` when not.
    pub fn eligible_multiplier_bps(&self, device: &Device) -> Option<u64> {
        let multiplier = self.gpu_multiplier_bps(device.gpu_class)?;
        let required =
            required_device_stake(self.min_device_stake_per_gpu, multiplier, device.gpu_count)?;
        (device.stake >= required).then_some(multiplier)
    }

    /// Whether `device` may take jobs and earn supplier rewards.
    pub fn is_device_eligible(&self, device: &Device) -> bool {
        self.eligible_multiplier_bps(device).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IO: u64 = 100_000_000;

    fn config(min_per_gpu: u64, multiplier_bps: u64) -> Config {
        // SAFETY: every bit pattern is a valid Config (Layout contract); zero is one.
        let mut config: Config = unsafe { core::mem::zeroed() };
        config.min_device_stake_per_gpu = min_per_gpu;
        config.gpu_classes[0].multiplier_bps = multiplier_bps;
        config.gpu_class_count = 1;
        config
    }

    fn device(class: u8, gpus: u64, stake: u64) -> Device {
        // SAFETY: as above, for Device.
        let mut device: Device = unsafe { core::mem::zeroed() };
        device.gpu_class = class;
        device.gpu_count = gpus;
        device.stake = stake;
        device
    }

    #[test]
    fn eligible_at_the_required_stake_and_not_below() {
        let cases = [
            ("H100 x8 (10x)", 100_000, 8, 16_000 * IO),
            ("RTX 4070 (0.25x counts as 1x)", 2_500, 1, 200 * IO),
            ("A100 x2 (5x)", 50_000, 2, 2_000 * IO),
            ("1.5x rounds up", 15_000, 1, 300 * IO),
        ];
        for (name, multiplier, gpus, required) in cases {
            assert_eq!(
                required_device_stake(200 * IO, multiplier, gpus),
                Some(required),
                "{name}"
            );
            let cfg = config(200 * IO, multiplier);
            assert_eq!(
                cfg.eligible_multiplier_bps(&device(0, gpus, required)),
                Some(multiplier),
                "{name}: at"
            );
            assert!(
                cfg.is_device_eligible(&device(0, gpus, required)),
                "{name}: at the threshold"
            );
            assert!(
                !cfg.is_device_eligible(&device(0, gpus, required - 1)),
                "{name}: one below"
            );
        }
    }

    #[test]
    fn never_eligible_outside_the_table_or_on_overflow() {
        let cfg = config(200 * IO, 10_000);
        assert_eq!(cfg.gpu_multiplier_bps(1), None, "class past the count");
        assert!(
            !cfg.is_device_eligible(&device(1, 1, u64::MAX)),
            "class outside the table"
        );
        let mut corrupt = config(200 * IO, 10_000);
        corrupt.gpu_class_count = u8::MAX;
        assert_eq!(
            corrupt.gpu_multiplier_bps(8),
            None,
            "count past the table's size"
        );
        assert_eq!(
            required_device_stake(u64::MAX, 100_000, 2),
            None,
            "overflow"
        );
        assert!(
            !config(u64::MAX, 100_000).is_device_eligible(&device(0, 2, u64::MAX)),
            "requirement overflows"
        );
    }
}
