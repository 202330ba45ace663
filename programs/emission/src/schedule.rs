//! IO's hourly emission schedule in integer arithmetic: the port, word for word, of the Go mirror
//! `client/emission/schedule` (read its doc.go for the algorithm and why the floor is exact).
//! Only u64 words: each step keeps the high word of a 64x64->128 product (`math::mul_wide`, built
//! from 32-bit halves because the BPF backend cannot call `__multi3`).

use ionet_sdk::math::mul_wide;

/// The IO mint's decimals.
pub const DECIMALS: u8 = 8;
/// 10^DECIMALS.
pub const BASE_UNITS_PER_IO: u64 = 100_000_000;
/// The final epoch that mints; every later epoch mints 0.
pub const LAST_EPOCH: u64 = 175_319;
/// The IO that exists before emission starts, in base units.
pub const LAUNCH_SUPPLY: u64 = 500_000_000 * BASE_UNITS_PER_IO;
/// What epochs 1..=LAST_EPOCH mint together, in base units.
pub const TOTAL_EMISSION: u64 = 300_000_000 * BASE_UNITS_PER_IO;
/// What the final epoch mints: TOTAL_EMISSION minus the rounded-down epochs before it.
pub const FINAL_EPOCH_AMOUNT: u64 = 40_013_031_942;
/// Length of an epoch in seconds.
pub const EPOCH_SECONDS: u64 = 3600;

/// Fractional bits of the accumulator.
const SCALE_BITS: u32 = 25;
/// round(C * 2^25), C = 5*10^14/1095 = E_1 in base units.
const FIRST_EPOCH_SCALED: u64 = 0xd4a1772e2c6b8b1b;

/// HEX_POWERS[15*w + d - 1] = round(q^(d * 16^w) * 2^64), q = 0.9999861130476040207, for
/// w = 0..3 with d = 1..15 and w = 4 with d = 1..2. The Go test `TestRustHexPowers` parses this
/// table and asserts it equals the mirror's.
pub const HEX_POWERS: [u64; 62] = [
    // w = 0: q^d
    0xffff1703fe5dc27e,
    0xfffe2e08d0c54006,
    0xfffd450e7735b79d,
    0xfffc5c14f1ae684b,
    0xfffb731c402e9118,
    0xfffa8a2462b5710c,
    0xfff9a12d59424730,
    0xfff8b83723d4528f,
    0xfff7cf41c26ad232,
    0xfff6e64d35050526,
    0xfff5fd597ba22a75,
    0xfff514669641812d,
    0xfff42b7484e2485c,
    0xfff342834783bf0e,
    0xfff25992de252453,
    // w = 1: q^(16d)
    0xfff170a348c5b73a,
    0xffe2e21a8ff82f1b,
    0xffd45465c988c5ca,
    0xffc5c784e96988fe,
    0xffb73b77e38d35ed,
    0xffa8b03eabe7394b,
    0xff9a25d9366baf37,
    0xff8b9c47770f633a,
    0xff7d138961c7d034,
    0xff6e8b9eea8b205a,
    0xff60048805502d27,
    0xff517e44a60e7f54,
    0xff42f8d4c0be4ecd,
    0xff347438495882a8,
    0xff25f06f33d6b11b,
    // w = 2: q^(256d)
    0xff176d7974331f71,
    0xfe2fae3cd0216066,
    0xfd48c18a1fe18f0d,
    0xfc62a6a21ded60eb,
    0xfb7d5cc632830764,
    0xfa98e33873075238,
    0xf9b5393ba1686169,
    0xf8d25e132b80e606,
    0xf7f051032a7bf163,
    0xf70f115062395233,
    0xf62e9e4040b27f09,
    0xf54ef718dd600db9,
    0xf4701b20f89fb723,
    0xf392099ffb1ae6dd,
    0xf2b4c1ddf52dd647,
    // w = 3: q^(4096d)
    0xf1d843239e4f3287,
    0xe478e51a6dc7ec9a,
    0xd7d6d19a9d6c5f92,
    0xcbe7912ea95b5402,
    0xc0a14089668def28,
    0xb5fa8854ce890c23,
    0xabea9574c1750a15,
    0xa26911b755225e67,
    0x996e1ceca244aea1,
    0x90f2466056ece249,
    0x88ee86afa64b8da0,
    0x815c39f67a4b665f,
    0x7a351a4f13de8a77,
    0x73733a9f8b2523e1,
    0x6d1101b0e118f8de,
    // w = 4: q^(65536d)
    0x6709258b915d3245,
    0x29785c89f84adb1d,
];

/// The base units `epoch` mints: floor(E_epoch) for epochs 1..LAST_EPOCH-1, FINAL_EPOCH_AMOUNT
/// for LAST_EPOCH, and 0 for epoch 0 and every epoch after LAST_EPOCH.
#[inline(always)]
pub fn amount(epoch: u64) -> u64 {
    if epoch == 0 || epoch > LAST_EPOCH {
        return 0;
    }
    if epoch == LAST_EPOCH {
        return FINAL_EPOCH_AMOUNT;
    }
    scaled_amount(epoch) >> SCALE_BITS
}

/// E_epoch in units of 2^-25 base unit, for 1 <= epoch <= LAST_EPOCH.
#[inline(always)]
fn scaled_amount(epoch: u64) -> u64 {
    let mut acc = FIRST_EPOCH_SCALED;
    let mut base = 0usize;
    let mut n = epoch - 1;
    let mut low_sink = 0u64;
    while n != 0 {
        let d = (n & 15) as usize;
        if d != 0 {
            let (high, low) = mul_wide(acc, HEX_POWERS[base + d - 1]);
            acc = high;
            // The truncated low word is discarded, but kept live with a volatile store: with only
            // the high word used, LLVM folds mul_wide's halves back into a 128-bit multiply
            // (its multiply-high idiom), which SBPF cannot run and our linker rejects.
            // SAFETY: `low_sink` is a live local, valid for writes.
            unsafe { core::ptr::write_volatile(&mut low_sink, low) };
        }
        n >>= 4;
        base += 15;
    }
    acc
}

/// The latest epoch whose hour is over at `now` (0 if none), capped at LAST_EPOCH.
pub fn last_ended_epoch(start_ts: i64, now: i64) -> u64 {
    if now < start_ts {
        return 0;
    }
    // now >= start_ts, so the two's-complement difference is the exact unsigned distance.
    let hours = (now as u64).wrapping_sub(start_ts as u64) / EPOCH_SECONDS;
    hours.min(LAST_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values from the Go mirror (client/emission/schedule), itself checked for every epoch
    // against big-number arithmetic and the shared reference table.
    #[test]
    fn amounts_match_the_mirror() {
        let cases = [
            (0, 0),
            (1, 456_621_004_566),
            (2, 456_614_663_492),
            (8_760, 404_324_217_441),
            (LAST_EPOCH - 1, 40_013_544_010),
            (LAST_EPOCH, FINAL_EPOCH_AMOUNT),
            (LAST_EPOCH + 1, 0),
            (u64::MAX, 0),
        ];
        for (epoch, want) in cases {
            assert_eq!(amount(epoch), want, "epoch {epoch}");
        }
    }

    #[test]
    fn sum_of_every_epoch_is_the_total() {
        let sum: u64 = (1..=LAST_EPOCH).map(amount).sum();
        assert_eq!(sum, TOTAL_EMISSION);
    }

    #[test]
    fn ended_epochs() {
        let start = 1_700_000_000;
        let cases = [
            (start - 1, 0),
            (start, 0),
            (start + 3_599, 0),
            (start + 3_600, 1),
            (start + 7_200, 2),
            (start + 3_600 * 200_000, LAST_EPOCH),
            (i64::MAX, LAST_EPOCH),
        ];
        for (now, want) in cases {
            assert_eq!(last_ended_epoch(start, now), want, "now {now}");
        }
        assert_eq!(last_ended_epoch(i64::MIN, i64::MAX), LAST_EPOCH);
    }
}
