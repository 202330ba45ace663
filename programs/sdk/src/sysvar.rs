//! Sysvars read through their syscalls (no sysvar account needs to be passed), and the
//! SlotHashes sysvar, which has no syscall and is read from its account.

use crate::account::AccountInfo;
use crate::check::reject;
use crate::error::ProgramError;
use crate::math;
use crate::pubkey::{from_base58, Pubkey};
use crate::syscalls;

/// The SlotHashes sysvar: the hashes of the most recent (up to 512) slots, newest first.
pub const SLOT_HASHES_ID: Pubkey = from_base58("SysvarS1otHashes111111111111111111111111111");
/// The Rent and Clock sysvar accounts (some native instructions, e.g. the upgradeable loader's
/// `Upgrade`, take them as accounts).
pub const RENT_ID: Pubkey = from_base58("SysvarRent111111111111111111111111111111111");
pub const CLOCK_ID: Pubkey = from_base58("SysvarC1ock11111111111111111111111111111111");
/// Entries the runtime keeps in SlotHashes.
pub const MAX_SLOT_HASHES: u64 = 512;
const SLOT_HASH_ENTRY: usize = 8 + 32;

/// The hash of `slot` from the SlotHashes sysvar account `account` (checked to be the sysvar),
/// or `None` when the slot is not (or no longer) in it: a slot's hash exists only once the slot
/// is complete, and only the newest 512 are kept.
pub fn slot_hash(account: &AccountInfo, slot: u64) -> Result<Option<[u8; 32]>, ProgramError> {
    if account.key() != &SLOT_HASHES_ID {
        return Err(reject(
            account,
            "account is not the SlotHashes sysvar",
            ProgramError::InvalidArgument,
        ));
    }
    let data = account.try_borrow_data()?;
    Ok(find_slot_hash(&data, slot))
}

/// Binary search of SlotHashes' bincode data (`u64` count, then `(slot u64, hash [u8; 32])`
/// entries sorted by slot, newest first) for `slot`.
pub fn find_slot_hash(data: &[u8], slot: u64) -> Option<[u8; 32]> {
    let count = u64::from_le_bytes(*data.first_chunk::<8>()?);
    let available = ((data.len() - 8) / SLOT_HASH_ENTRY) as u64;
    let count = count.min(available) as usize;
    let entry = |index: usize| -> (u64, &[u8]) {
        let start = 8 + index * SLOT_HASH_ENTRY;
        let slot_bytes: [u8; 8] = data[start..start + 8].try_into().unwrap_or([0; 8]);
        (
            u64::from_le_bytes(slot_bytes),
            &data[start + 8..start + SLOT_HASH_ENTRY],
        )
    };
    let (mut low, mut high) = (0usize, count);
    while low < high {
        let mid = low + (high - low) / 2;
        let (at, hash) = entry(mid);
        if at == slot {
            let mut out = [0u8; 32];
            out.copy_from_slice(hash);
            return Some(out);
        }
        // Descending order: a newer (higher) slot sits before the one searched for.
        if at > slot {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    None
}

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

/// The cluster's unix time (the Clock sysvar's `unix_timestamp`), read where the syscall wrote
/// it (no zeroed `Clock` first, no copy of it out).
#[inline(always)]
pub fn now() -> Result<i64, ProgramError> {
    let mut clock = core::mem::MaybeUninit::<Clock>::uninit();
    // SAFETY: `Clock` has the runtime's layout (five 8-byte fields); the syscall writes it whole
    // when it succeeds, and it is read only then.
    unsafe {
        if syscalls::sol_get_clock_sysvar(clock.as_mut_ptr() as *mut u8) != 0 {
            return Err(ProgramError::UnsupportedSysvar);
        }
        Ok(clock.assume_init_ref().unix_timestamp)
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
        let per_year = if (bytes | self.lamports_per_byte_year) >> 32 == 0 {
            // Both below 2^32: the product fits.
            bytes * self.lamports_per_byte_year
        } else {
            math::checked_mul(bytes, self.lamports_per_byte_year)?
        };
        // A threshold that is a power of two from 1 to 2^63 (every cluster's is 2.0) is a shift.
        let exponent = self.exemption_threshold_bits >> 52;
        if self.exemption_threshold_bits & ((1 << 52) - 1) == 0
            && (1023..1023 + 64).contains(&exponent)
        {
            let shift = (exponent - 1023) as u32;
            return (per_year <= u64::MAX >> shift).then(|| per_year << shift);
        }
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
    fn minimum_balance_power_of_two_thresholds_shift_exactly() {
        let rent = |per_byte_year: u64, threshold: f64| Rent {
            lamports_per_byte_year: per_byte_year,
            exemption_threshold_bits: threshold.to_bits(),
            burn_percent: 50,
        };
        // Each threshold against the general path (`mul_by_f64_bits`) on both sides of 2^32.
        for threshold in [1.0f64, 2.0, 4.0, 1024.0, (1u64 << 63) as f64] {
            for per_byte_year in [0u64, 1, 3480, 1 << 31, (1 << 32) - 1, 1 << 32, 1 << 40] {
                for len in [0u64, 82, 165, 10 * 1024 * 1024] {
                    let r = rent(per_byte_year, threshold);
                    let want = math::checked_mul(128 + len, per_byte_year)
                        .and_then(|v| mul_by_f64_bits(v, threshold.to_bits()));
                    assert_eq!(
                        r.minimum_balance(len),
                        want,
                        "{per_byte_year} {threshold} {len}"
                    );
                }
            }
        }
        assert_eq!(rent(3480, 4.0).minimum_balance(165), Some(4_078_560));
        assert_eq!(rent(u64::MAX / 128, 2.0).minimum_balance(0), None);
        assert_eq!(
            rent(u64::MAX / 256, 2.0).minimum_balance(0),
            Some(u64::MAX / 256 * 256)
        );
        // Not powers of two, negative and non-finite thresholds keep the general path.
        assert_eq!(rent(3480, 1.5).minimum_balance(0), Some(668_160));
        assert_eq!(rent(3480, -2.0).minimum_balance(0), None);
        assert_eq!(rent(3480, f64::INFINITY).minimum_balance(0), None);
    }

    #[test]
    fn finds_slot_hashes() {
        let mut data = Vec::new();
        let slots = [107u64, 106, 104, 101, 100];
        data.extend_from_slice(&(slots.len() as u64).to_le_bytes());
        for slot in slots {
            data.extend_from_slice(&slot.to_le_bytes());
            data.extend_from_slice(&[slot as u8; 32]);
        }
        for slot in slots {
            assert_eq!(
                find_slot_hash(&data, slot),
                Some([slot as u8; 32]),
                "{slot}"
            );
        }
        for missing in [0, 99, 102, 105, 108, u64::MAX] {
            assert_eq!(find_slot_hash(&data, missing), None, "{missing}");
        }
        assert_eq!(find_slot_hash(&data[..7], 100), None, "truncated count");
        assert_eq!(
            find_slot_hash(&data[..8 + 45], 106),
            None,
            "count above the entries present"
        );
        assert_eq!(find_slot_hash(&data[..8 + 45], 107), Some([107; 32]));
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
