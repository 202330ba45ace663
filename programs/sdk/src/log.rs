//! Program logs (`Program log: ...` lines) without `core::fmt`: formatting machinery costs
//! thousands of compute units and pulls vtables in; [`Line`] writes numbers by hand instead.

use crate::pubkey::Pubkey;
use crate::syscalls::{self, Bytes};

/// Logs `message` as one `Program log:` line.
#[inline]
pub fn log(message: &str) {
    // SAFETY: pointer and length come from a live `&str`.
    unsafe { syscalls::sol_log_(message.as_ptr(), message.len() as u64) }
}

/// Logs five numbers in hex (`Program log: 0x1, 0x2, ...`), the cheapest way to log values.
#[inline]
pub fn log_u64s(a: u64, b: u64, c: u64, d: u64, e: u64) {
    // SAFETY: takes plain values.
    unsafe { syscalls::sol_log_64_(a, b, c, d, e) }
}

/// Logs the compute units left (`Program consumption: N units remaining`).
#[inline]
pub fn log_compute_units() {
    // SAFETY: no arguments.
    unsafe { syscalls::sol_log_compute_units_() }
}

/// Logs a key in base58.
#[inline]
pub fn log_pubkey(key: &Pubkey) {
    // SAFETY: points to 32 readable bytes.
    unsafe { syscalls::sol_log_pubkey(key.as_ptr()) }
}

/// Logs byte strings as one `Program data: <base64> <base64> ...` line.
#[inline]
pub fn log_data(parts: &[Bytes]) {
    // SAFETY: `parts` is a live slice of (address, length) entries, the layout the syscall reads.
    unsafe { syscalls::sol_log_data(parts.as_ptr(), parts.len() as u64) }
}

/// A log line assembled in a stack buffer of `N` bytes. Text past the end is cut (see
/// [`Line::truncated`]) rather than failing: a log line must never abort an instruction.
pub struct Line<const N: usize> {
    buf: [u8; N],
    len: usize,
    truncated: bool,
}

impl<const N: usize> Default for Line<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Line<N> {
    pub const fn new() -> Self {
        Self {
            buf: [0; N],
            len: 0,
            truncated: false,
        }
    }

    /// Appends text, cutting at a character boundary when the buffer is full.
    pub fn push_str(&mut self, text: &str) -> &mut Self {
        let room = N - self.len;
        let mut take = text.len().min(room);
        while !text.is_char_boundary(take) {
            take -= 1;
        }
        self.buf[self.len..self.len + take].copy_from_slice(&text.as_bytes()[..take]);
        self.len += take;
        self.truncated |= take < text.len();
        self
    }

    /// Appends a number in decimal.
    pub fn push_u64(&mut self, value: u64) -> &mut Self {
        let mut digits = [0u8; 20];
        let text = format_u64(value, &mut digits);
        self.push_str(text)
    }

    /// Appends a signed number in decimal.
    pub fn push_i64(&mut self, value: i64) -> &mut Self {
        if value < 0 {
            self.push_str("-");
        }
        self.push_u64(value.unsigned_abs())
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        // SAFETY: only whole `&str` prefixes cut at char boundaries were copied in.
        unsafe { core::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }

    /// Whether text was cut because the buffer was full.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Logs the line.
    pub fn log(&self) {
        log(self.as_str());
    }
}

/// Writes `value` in decimal into the end of `buf` and returns the digits.
pub fn format_u64(mut value: u64, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    // SAFETY: only ASCII digits were written to buf[start..].
    unsafe { core::str::from_utf8_unchecked(&buf[start..]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers() {
        let cases = [
            (0u64, "0"),
            (7, "7"),
            (10, "10"),
            (6000, "6000"),
            (u64::MAX, "18446744073709551615"),
        ];
        for (value, want) in cases {
            let mut buf = [0u8; 20];
            assert_eq!(format_u64(value, &mut buf), want);
        }
    }

    #[test]
    fn builds_lines() {
        let mut line = Line::<64>::new();
        line.push_str("amount ")
            .push_u64(42)
            .push_str(", delta ")
            .push_i64(-7)
            .push_str(" ")
            .push_i64(i64::MIN);
        assert_eq!(line.as_str(), "amount 42, delta -7 -9223372036854775808");
    }

    #[test]
    fn truncates_at_char_boundary() {
        let mut line = Line::<5>::new();
        line.push_str("ab").push_str("é€x");
        assert_eq!(line.as_str(), "abé");
        assert!(line.truncated());
    }
}
