//! Sysvars read through their syscalls (no sysvar account needs to be passed).

use crate::error::ProgramError;
use crate::math;
use crate::syscalls;

/// The Clock sysvar.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    pub slot: u64,
    pub epoch_start_timestamp: i64,
    pub epoch: u64,
    pub leader_schedule_epoch: u64,
    /// Seconds since the Unix epoch, as estimated by the validators' vote timestamps.
    pub unix_timestamp: i64,
}

impl Clock {
    pub fn get() -> Result<Self, ProgramError> {
        let mut clock = Self::default();
        // SAFETY: `Clock` has the runtime's layout (five 8-byte fields) and is writable.
        let status = unsafe { syscalls::sol_get_clock_sysvar(&mut clock as *mut Self as *mut u8) };
        if status != 0 {
            return Err(ProgramError::UnsupportedSysvar);
        }
        Ok(clock)
    }
}

/// The Rent sysvar. The exemption threshold is an `f64` in the runtime; SBPF has no floating
/// point, so it is kept as its IEEE-754 bits and applied exactly with integer arithmetic.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rent {
    pub lamports_per_byte_year: u64,
    pub exemption_threshold_bits: u64,
    pub burn_percent: u8,
}

/// Bytes the runtime charges for every account on top of its data.
pub const ACCOUNT_STORAGE_OVERHEAD: u64 = 128;

impl Rent {
    pub fn get() -> Result<Self, ProgramError> {
        let mut rent = Self::default();
        // SAFETY: `Rent` has the runtime's layout (u64, f64 bits, u8, padding) and is writable.
        let status = unsafe { syscalls::sol_get_rent_sysvar(&mut rent as *mut Self as *mut u8) };
        if status != 0 {
            return Err(ProgramError::UnsupportedSysvar);
        }
        Ok(rent)
    }

    /// Lamports that make an account of `data_len` bytes rent-exempt:
    /// `floor((128 + data_len) * lamports_per_byte_year * exemption_threshold)`, or `None` on
    /// overflow or an unusable threshold (negative, NaN, infinite). Exact; equal to Agave's
    /// float formula whenever the product is exactly representable (as with thresholds 1.0, 2.0).
    pub fn minimum_balance(&self, data_len: u64) -> Option<u64> {
        let bytes = math::checked_add(ACCOUNT_STORAGE_OVERHEAD, data_len)?;
        let per_year = math::checked_mul(bytes, self.lamports_per_byte_year)?;
        mul_by_f64_bits(per_year, self.exemption_threshold_bits)
    }
}

/// `floor(value * f)` where `f` is given by its IEEE-754 double bits.
fn mul_by_f64_bits(value: u64, bits: u64) -> Option<u64> {
    let negative = bits >> 63 != 0;
    let exponent = ((bits >> 52) & 0x7FF) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0x7FF || (negative && (exponent != 0 || fraction != 0)) {
        return None;
    }
    // f = mantissa * 2^power, with the implicit leading 1 for normal numbers.
    let (mantissa, power) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exponent - 1075)
    };
    let (high, low) = math::mul_wide(value, mantissa);
    if high == 0 && low == 0 {
        return Some(0);
    }
    if power >= 0 {
        // Shift left: overflow when any bit would leave the low word.
        let power = power as u32;
        if high != 0 || power >= 64 || (power > 0 && low >> (64 - power) != 0) {
            return None;
        }
        return Some(low << power);
    }
    let shift = power.unsigned_abs();
    if shift >= 128 {
        return Some(0);
    }
    let result_high;
    let result_low;
    if shift >= 64 {
        result_high = 0;
        result_low = high >> (shift - 64);
    } else {
        result_high = high >> shift;
        result_low = if shift == 0 {
            low
        } else {
            (low >> shift) | (high << (64 - shift))
        };
    }
    (result_high == 0).then_some(result_low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_balance_matches_float_formula() {
        // Mainnet's parameters (3480 lamports per byte-year, threshold 2.0) and others.
        let cases = [
            (3480u64, 2.0f64, 0u64),
            (3480, 2.0, 165),
            (3480, 2.0, 82),
            (3480, 2.0, 10 * 1024 * 1024),
            (3480, 1.0, 100),
            (3480, 0.5, 101),
            (6960, 1.0, 165),
            (1, 0.0, 100),
        ];
        for (per_byte_year, threshold, len) in cases {
            let rent = Rent {
                lamports_per_byte_year: per_byte_year,
                exemption_threshold_bits: threshold.to_bits(),
                burn_percent: 50,
            };
            let want = (((128 + len) * per_byte_year) as f64 * threshold) as u64;
            assert_eq!(
                rent.minimum_balance(len),
                Some(want),
                "{per_byte_year} {threshold} {len}"
            );
        }
        // 2039280 is the well-known rent-exempt minimum of a 165-byte token account.
        let mainnet = Rent {
            lamports_per_byte_year: 3480,
            exemption_threshold_bits: 2.0f64.to_bits(),
            burn_percent: 50,
        };
        assert_eq!(mainnet.minimum_balance(165), Some(2_039_280));
    }

    #[test]
    fn float_bits_multiplication() {
        let cases: [(u64, f64, Option<u64>); 9] = [
            (10, 1.5, Some(15)),
            (7, 0.1, Some(0)),
            (1000, 0.001, Some(1)), // 0.001 is slightly above 1/1000 in binary
            (u64::MAX, 1.0, Some(u64::MAX)),
            (u64::MAX, 2.0, None),
            (1 << 62, 2.0, Some(1 << 63)),
            (5, f64::NAN, None),
            (5, -1.0, None),
            (5, f64::INFINITY, None),
        ];
        for (value, factor, want) in cases {
            assert_eq!(
                mul_by_f64_bits(value, factor.to_bits()),
                want,
                "{value} * {factor}"
            );
        }
    }
}
