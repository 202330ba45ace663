//! Instruction arguments as Anchor encodes them (Borsh: little-endian integers, fixed arrays in
//! place, strings and vectors behind a u32 length), read front to back without copying.
//!
//! ```
//! use ionet_sdk::args::Args;
//! # fn parse(data: &[u8]) -> Result<(), ionet_sdk::ProgramError> {
//! let mut args = Args::new(data); // the bytes after the 8-byte discriminator
//! let gpu_class = args.u8()?;
//! let amount = args.u64()?;
//! let owner = args.pubkey()?;
//! args.finish()?; // trailing bytes are an error too
//! # let _ = (gpu_class, amount, owner);
//! # Ok(())
//! # }
//! ```
//! Every read past the end, and trailing bytes at [`Args::finish`], fail with
//! `InvalidInstructionData`.

use crate::error::ProgramError;
use crate::pubkey::Pubkey;

/// A cursor over Borsh-encoded instruction arguments. Its methods are `#[inline]`: each is a
/// bounds check and a load, best merged into the caller's code.
pub struct Args<'a> {
    data: &'a [u8],
}

impl<'a> Args<'a> {
    #[inline]
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    /// The next `N` bytes (a Borsh `[u8; N]`), borrowed from the instruction data.
    #[inline]
    pub fn bytes<const N: usize>(&mut self) -> Result<&'a [u8; N], ProgramError> {
        let (head, rest) = self
            .data
            .split_first_chunk::<N>()
            .ok_or(ProgramError::InvalidInstructionData)?;
        self.data = rest;
        Ok(head)
    }

    #[inline]
    pub fn u8(&mut self) -> Result<u8, ProgramError> {
        Ok(self.bytes::<1>()?[0])
    }

    #[inline]
    pub fn u32(&mut self) -> Result<u32, ProgramError> {
        Ok(u32::from_le_bytes(*self.bytes::<4>()?))
    }

    #[inline]
    pub fn u64(&mut self) -> Result<u64, ProgramError> {
        Ok(u64::from_le_bytes(*self.bytes::<8>()?))
    }

    #[inline]
    pub fn i64(&mut self) -> Result<i64, ProgramError> {
        Ok(i64::from_le_bytes(*self.bytes::<8>()?))
    }

    #[inline]
    pub fn pubkey(&mut self) -> Result<&'a Pubkey, ProgramError> {
        self.bytes::<32>()
    }

    /// A Borsh `String` or `Vec<u8>`: u32 length, then the bytes (not checked to be UTF-8).
    #[inline]
    pub fn string(&mut self) -> Result<&'a [u8], ProgramError> {
        let len = self.u32()? as usize;
        self.take(len)
    }

    /// The next `len` bytes.
    #[inline]
    pub fn take(&mut self, len: usize) -> Result<&'a [u8], ProgramError> {
        if self.data.len() < len {
            return Err(ProgramError::InvalidInstructionData);
        }
        let (head, rest) = self.data.split_at(len);
        self.data = rest;
        Ok(head)
    }

    /// The bytes not read yet (for a variable-length tail the caller parses itself).
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }

    /// Succeeds when every byte was read.
    #[inline]
    pub fn finish(self) -> Result<(), ProgramError> {
        if self.data.is_empty() {
            Ok(())
        } else {
            Err(ProgramError::InvalidInstructionData)
        }
    }
}

/// Checks that an instruction without arguments got none.
#[inline]
pub fn no_args(data: &[u8]) -> Result<(), ProgramError> {
    Args::new(data).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_borsh_front_to_back() {
        let mut data = vec![7];
        data.extend_from_slice(&0xDEAD_BEEFu32.to_le_bytes());
        data.extend_from_slice(&5u64.to_le_bytes());
        data.extend_from_slice(&(-2i64).to_le_bytes());
        data.extend_from_slice(&[9; 32]);
        data.extend_from_slice(b"ab");
        data.extend_from_slice(&3u32.to_le_bytes());
        data.extend_from_slice(b"xyz");
        let mut args = Args::new(&data);
        assert_eq!(args.u8(), Ok(7));
        assert_eq!(args.u32(), Ok(0xDEAD_BEEF));
        assert_eq!(args.u64(), Ok(5));
        assert_eq!(args.i64(), Ok(-2));
        assert_eq!(args.pubkey(), Ok(&[9; 32]));
        assert_eq!(args.bytes::<2>(), Ok(b"ab"));
        assert_eq!(args.string(), Ok(&b"xyz"[..]));
        assert_eq!(args.finish(), Ok(()));
    }

    #[test]
    fn rejects_short_and_trailing_data() {
        let bad = Err(ProgramError::InvalidInstructionData);
        assert_eq!(Args::new(&[1, 2, 3]).u64().map(|_| ()), bad);
        assert_eq!(Args::new(&[0; 31]).pubkey().map(|_| ()), bad);
        let mut long_string = 4u32.to_le_bytes().to_vec();
        long_string.extend_from_slice(b"abc");
        assert_eq!(Args::new(&long_string).string().map(|_| ()), bad);
        assert_eq!(no_args(&[]), Ok(()));
        assert_eq!(no_args(&[0]), bad);
        let mut args = Args::new(&[1, 2]);
        assert_eq!(args.u8(), Ok(1));
        assert_eq!(args.finish(), bad);
    }
}
