//! Escrow arithmetic: what a job costs up front and how its escrow splits at the end. Every
//! product and ratio goes through `mul_div` (exact 128-bit intermediate, u64 only).
//!
//! Invariant, for every path: `escrowed == paid + fee + refund`.

use ionet_sdk::math::{checked_add, mul_div};

/// Basis points in one whole.
pub const BPS: u64 = 10_000;
pub const SECONDS_PER_HOUR: u64 = 3_600;
/// Longest job: 366 days.
pub const MAX_DURATION_SECONDS: u64 = 366 * 24 * SECONDS_PER_HOUR;

/// What a buyer escrows for a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The most the worker can be paid: `price_per_hour * max_duration / 3600`, rounded down.
    pub max_pay: u64,
    /// Fees on `max_pay`.
    pub max_fee: u64,
    /// `max_pay + max_fee`.
    pub escrow: u64,
}

/// The split of an escrow at settlement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settlement {
    pub paid: u64,
    pub fee: u64,
    pub refund: u64,
}

/// Payment for `seconds` of work at `price_per_hour`, rounded down.
pub fn pay_for(price_per_hour: u64, seconds: u64) -> Option<u64> {
    mul_div(price_per_hour, seconds, SECONDS_PER_HOUR)
}

/// Fee on `paid` at `fee_bps`, rounded down.
pub fn fee_on(paid: u64, fee_bps: u64) -> Option<u64> {
    mul_div(paid, fee_bps, BPS)
}

pub fn quote(price_per_hour: u64, max_duration_seconds: u64, fee_bps: u64) -> Option<Quote> {
    let max_pay = pay_for(price_per_hour, max_duration_seconds)?;
    let max_fee = fee_on(max_pay, fee_bps)?;
    Some(Quote {
        max_pay,
        max_fee,
        escrow: checked_add(max_pay, max_fee)?,
    })
}

/// Splits `escrowed` for `elapsed` seconds of work (capped at the maximum duration). Both
/// roundings go down and are monotonic, so `paid + fee` never exceeds the escrow and the refund
/// takes the rest.
pub fn settle(
    escrowed: u64,
    price_per_hour: u64,
    max_duration_seconds: u64,
    fee_bps: u64,
    elapsed: u64,
) -> Option<Settlement> {
    let paid = pay_for(price_per_hour, elapsed.min(max_duration_seconds))?;
    let fee = fee_on(paid, fee_bps)?;
    let refund = escrowed.checked_sub(checked_add(paid, fee)?)?;
    Some(Settlement { paid, fee, refund })
}

#[cfg(test)]
mod tests {
    use super::*;

    const IO: u64 = 100_000_000;
    const USDC: u64 = 1_000_000;

    #[test]
    fn quotes() {
        let cases = [
            (
                "IO 2 IO/h for 3 h at 25 bps",
                2 * IO,
                3 * 3600,
                25,
                Quote {
                    max_pay: 6 * IO,
                    max_fee: 1_500_000,
                    escrow: 6 * IO + 1_500_000,
                },
            ),
            (
                "USDC 1.5/h for 2 h at 225 bps",
                1_500_000,
                7200,
                225,
                Quote {
                    max_pay: 3 * USDC,
                    max_fee: 67_500,
                    escrow: 3_067_500,
                },
            ),
            (
                "half-hour job",
                1_000,
                1800,
                25,
                Quote {
                    max_pay: 500,
                    max_fee: 1,
                    escrow: 501,
                },
            ),
            (
                "fee rounds to zero",
                100,
                3600,
                25,
                Quote {
                    max_pay: 100,
                    max_fee: 0,
                    escrow: 100,
                },
            ),
        ];
        for (name, price, secs, bps, want) in cases {
            assert_eq!(quote(price, secs, bps), Some(want), "{name}");
        }
        assert_eq!(
            quote(u64::MAX, MAX_DURATION_SECONDS, 25),
            None,
            "pay overflows"
        );
        assert_eq!(quote(u64::MAX, 3600, 225), None, "escrow overflows");
    }

    #[test]
    fn settlements_keep_the_invariant() {
        let cases = [
            (
                "full time",
                2 * IO,
                3 * 3600,
                25,
                3 * 3600,
                Settlement {
                    paid: 6 * IO,
                    fee: 1_500_000,
                    refund: 0,
                },
            ),
            (
                "capped",
                2 * IO,
                3 * 3600,
                25,
                10 * 3600,
                Settlement {
                    paid: 6 * IO,
                    fee: 1_500_000,
                    refund: 0,
                },
            ),
            (
                "90 minutes of 3 h",
                2 * IO,
                3 * 3600,
                25,
                5400,
                Settlement {
                    paid: 3 * IO,
                    fee: 750_000,
                    refund: 3 * IO + 750_000,
                },
            ),
            (
                "USDC 1000 s",
                1_500_000,
                7200,
                225,
                1000,
                Settlement {
                    paid: 416_666,
                    fee: 9_374,
                    refund: 3_067_500 - 416_666 - 9_374,
                },
            ),
            (
                "nothing run",
                2 * IO,
                3600,
                225,
                0,
                Settlement {
                    paid: 0,
                    fee: 0,
                    refund: 2 * IO + 4_500_000,
                },
            ),
        ];
        for (name, price, max, bps, elapsed, want) in cases {
            let q = quote(price, max, bps).unwrap();
            let got = settle(q.escrow, price, max, bps, elapsed).unwrap();
            assert_eq!(got, want, "{name}");
            assert_eq!(
                got.paid + got.fee + got.refund,
                q.escrow,
                "{name}: invariant"
            );
        }
    }

    #[test]
    fn invariant_over_a_grid() {
        for price in [
            1,
            7,
            3599,
            3601,
            IO,
            123_456_789_012,
            u64::MAX / MAX_DURATION_SECONDS,
        ] {
            for max in [1, 59, 3600, 86_399, MAX_DURATION_SECONDS] {
                for bps in [0, 25, 225, BPS] {
                    let Some(q) = quote(price, max, bps) else {
                        continue;
                    };
                    for elapsed in [0, 1, max / 2, max - 1, max, max + 1, u64::MAX] {
                        let s = settle(q.escrow, price, max, bps, elapsed).unwrap();
                        assert_eq!(
                            s.paid + s.fee + s.refund,
                            q.escrow,
                            "{price} {max} {bps} {elapsed}"
                        );
                        assert!(s.paid <= q.max_pay && s.fee <= q.max_fee);
                    }
                }
            }
        }
    }
}
