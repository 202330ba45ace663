//! Checked u64 arithmetic that the upstream LLVM BPF backend can compile.
//!
//! SBPF has no 128-bit operations and LLVM's BPF backend has no libcalls, so `u128` multiply or
//! divide (`__multi3`, `__udivti3`) and even `u64::checked_mul` (which lowers through a 128-bit
//! multiply) fail to build. These helpers use only 64-bit operations: products are split into
//! 32-bit halves and 128-bit quotients come from a two-step long division on 32-bit digits
//! (Knuth's algorithm D as in Hacker's Delight `divlu`).

const LOW_MASK: u64 = 0xFFFF_FFFF;

/// `a + b`, or `None` on overflow.
#[inline]
pub const fn checked_add(a: u64, b: u64) -> Option<u64> {
    a.checked_add(b)
}

/// `a - b`, or `None` when `b > a`.
#[inline]
pub const fn checked_sub(a: u64, b: u64) -> Option<u64> {
    a.checked_sub(b)
}

/// `a * b`, or `None` on overflow, without a 128-bit multiply.
#[inline]
pub const fn checked_mul(a: u64, b: u64) -> Option<u64> {
    let (a_hi, a_lo) = (a >> 32, a & LOW_MASK);
    let (b_hi, b_lo) = (b >> 32, b & LOW_MASK);
    if a_hi != 0 && b_hi != 0 {
        return None;
    }
    // At most one of the cross terms is non-zero, and each is below 2^64.
    let cross = a_hi * b_lo + a_lo * b_hi;
    if cross > LOW_MASK {
        return None;
    }
    (cross << 32).checked_add(a_lo * b_lo)
}

/// The full 128-bit product `a * b` as `(high, low)` words.
#[inline]
pub const fn mul_wide(a: u64, b: u64) -> (u64, u64) {
    let (a_hi, a_lo) = (a >> 32, a & LOW_MASK);
    let (b_hi, b_lo) = (b >> 32, b & LOW_MASK);
    let lo_lo = a_lo * b_lo;
    let hi_lo = a_hi * b_lo;
    let lo_hi = a_lo * b_hi;
    let hi_hi = a_hi * b_hi;
    // Middle column: each term is below 2^32, so the sum cannot overflow.
    let middle = (lo_lo >> 32) + (hi_lo & LOW_MASK) + (lo_hi & LOW_MASK);
    let low = (middle << 32) | (lo_lo & LOW_MASK);
    let high = hi_hi + (hi_lo >> 32) + (lo_hi >> 32) + (middle >> 32);
    (high, low)
}

/// Divides the 128-bit value `high:low` by `divisor`, returning `(quotient, remainder)`, or
/// `None` when `divisor` is zero or the quotient does not fit in 64 bits (`high >= divisor`).
pub const fn div_wide(high: u64, low: u64, divisor: u64) -> Option<(u64, u64)> {
    if divisor == 0 || high >= divisor {
        return None;
    }
    if high == 0 {
        return Some((low / divisor, low % divisor));
    }
    // Normalise so the divisor's top bit is set; the quotient digits are then estimated to
    // within 2 of their true value and corrected.
    let shift = divisor.leading_zeros();
    let v = divisor << shift;
    let (v_hi, v_lo) = (v >> 32, v & LOW_MASK);
    // high < divisor, so shifting high:low left by `shift` keeps the top word within 64 bits.
    let u_top = if shift == 0 {
        high
    } else {
        (high << shift) | (low >> (64 - shift))
    };
    let u_low = low << shift;
    let (u1, u0) = (u_low >> 32, u_low & LOW_MASK);

    let q1 = estimate_digit(u_top, u1, v_hi, v_lo);
    // Remainder after the first digit: u_top:u1 - q1 * v, which is below v (fits 64 bits).
    let rest = (u_top << 32 | u1).wrapping_sub(q1.wrapping_mul(v));
    let q0 = estimate_digit(rest, u0, v_hi, v_lo);
    let remainder = (rest << 32 | u0).wrapping_sub(q0.wrapping_mul(v)) >> shift;
    Some(((q1 << 32) | q0, remainder))
}

/// One quotient digit of `(top * 2^32 + next) / (v_hi * 2^32 + v_lo)`, where `top < v`
/// and the divisor is normalised.
const fn estimate_digit(top: u64, next: u64, v_hi: u64, v_lo: u64) -> u64 {
    const BASE: u64 = 1 << 32;
    let mut q = top / v_hi;
    let mut r = top - q * v_hi;
    while q >= BASE || q * v_lo > (r << 32 | next) {
        q -= 1;
        r += v_hi;
        if r >= BASE {
            break;
        }
    }
    q
}

/// `floor(a * b / c)` with an exact 128-bit intermediate, or `None` when `c` is zero or the
/// result does not fit in a u64.
pub const fn mul_div(a: u64, b: u64, c: u64) -> Option<u64> {
    // Both factors below 2^32 (prices, durations, basis points): the product fits a u64.
    if (a | b) >> 32 == 0 {
        return match c {
            0 => None,
            c => Some(a * b / c),
        };
    }
    let (high, low) = mul_wide(a, b);
    match div_wide(high, low, c) {
        Some((quotient, _)) => Some(quotient),
        None => None,
    }
}

/// `ceil(a * b / c)` with an exact 128-bit intermediate, or `None` when `c` is zero or the
/// result does not fit in a u64.
pub const fn mul_div_ceil(a: u64, b: u64, c: u64) -> Option<u64> {
    let (high, low) = mul_wide(a, b);
    match div_wide(high, low, c) {
        Some((quotient, 0)) => Some(quotient),
        Some((quotient, _)) => quotient.checked_add(1),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64*: a tiny deterministic generator for the randomised comparisons.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        /// Values of every magnitude: a random word shifted right by a random amount, so small
        /// numbers and powers of two near the edges come up often.
        fn any(&mut self) -> u64 {
            let word = self.next();
            match self.next() % 8 {
                0 => word >> (self.next() % 64),
                1 => 1u64 << (self.next() % 64),
                2 => u64::MAX - (self.next() % 4),
                3 => (1u64 << (self.next() % 64)).wrapping_sub(1),
                _ => word,
            }
        }
    }

    const EDGES: [u64; 14] = [
        0,
        1,
        2,
        3,
        0xFFFF_FFFF,
        0x1_0000_0000,
        0x1_0000_0001,
        0x8000_0000_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF,
        u64::MAX - 1,
        u64::MAX,
        10u64.pow(9),
        800_000_000 * 10u64.pow(8),
        0xFFFF_FFFF_0000_0000,
    ];

    fn reference_mul_div(a: u64, b: u64, c: u64, ceil: bool) -> Option<u64> {
        if c == 0 {
            return None;
        }
        let product = a as u128 * b as u128;
        let mut q = product / c as u128;
        if ceil && !product.is_multiple_of(c as u128) {
            q += 1;
        }
        u64::try_from(q).ok()
    }

    fn check_all(a: u64, b: u64, c: u64) {
        assert_eq!(checked_add(a, b), a.checked_add(b), "add {a} {b}");
        assert_eq!(checked_sub(a, b), a.checked_sub(b), "sub {a} {b}");
        assert_eq!(checked_mul(a, b), a.checked_mul(b), "mul {a} {b}");
        let wide = a as u128 * b as u128;
        assert_eq!(
            mul_wide(a, b),
            ((wide >> 64) as u64, wide as u64),
            "mul_wide {a} {b}"
        );
        assert_eq!(
            mul_div(a, b, c),
            reference_mul_div(a, b, c, false),
            "mul_div {a} {b} {c}"
        );
        assert_eq!(
            mul_div_ceil(a, b, c),
            reference_mul_div(a, b, c, true),
            "mul_div_ceil {a} {b} {c}"
        );
        if c != 0 {
            let (high, low) = ((wide >> 64) as u64, wide as u64);
            let want = (high < c).then(|| ((wide / c as u128) as u64, (wide % c as u128) as u64));
            assert_eq!(div_wide(high, low, c), want, "div_wide {high}:{low} / {c}");
        }
    }

    #[test]
    fn edge_cases_match_u128() {
        for a in EDGES {
            for b in EDGES {
                for c in EDGES {
                    check_all(a, b, c);
                }
            }
        }
    }

    #[test]
    fn random_inputs_match_u128() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..400_000 {
            let (a, b, c) = (rng.any(), rng.any(), rng.any());
            check_all(a, b, c);
        }
    }

    // Divisors just above the quotient's high word exercise the digit-correction loop hardest.
    #[test]
    fn near_overflow_quotients() {
        let mut rng = XorShift(42);
        for _ in 0..100_000 {
            let c = rng.any() | 1;
            let high = c - 1 - rng.next() % c.min(4);
            let low = rng.next();
            let wide = (high as u128) << 64 | low as u128;
            let want = ((wide / c as u128) as u64, (wide % c as u128) as u64);
            assert_eq!(div_wide(high, low, c), Some(want), "{high}:{low} / {c}");
        }
    }

    #[test]
    fn named_cases() {
        let cases = [
            ("zero divisor", mul_div(1, 1, 0), None),
            ("overflowing quotient", mul_div(u64::MAX, 2, 1), None),
            (
                "max * max / max",
                mul_div(u64::MAX, u64::MAX, u64::MAX),
                Some(u64::MAX),
            ),
            (
                "20% of 4566 IO in base units",
                mul_div(456_621_004_566, 2_000, 10_000),
                Some(91_324_200_913),
            ),
            ("ceil rounds up", mul_div_ceil(10, 1, 3), Some(4)),
            ("ceil exact", mul_div_ceil(9, 1, 3), Some(3)),
            (
                "ceil overflow at the top",
                mul_div_ceil(u64::MAX, u64::MAX, u64::MAX - 1),
                None,
            ),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, want, "{name}");
        }
    }
}
