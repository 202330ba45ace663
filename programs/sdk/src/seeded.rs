//! Accounts at seeded addresses: `sha256(base || seed || program_id)`, the address the System
//! program's `CreateAccountWithSeed` gives (`Pubkey::create_with_seed`). Where a record must be
//! unique per key, a seeded address makes uniqueness rest on no bump: there is one address per
//! `(base, seed)` and only `base`'s signature creates it, so nothing is searched. Checking it is
//! one `sol_sha256` (about 130 compute units) where a canonical PDA costs about 350 per bump
//! tried (two tries on average) plus its signer seeds.
//!
//! `base` is the key the record belongs to when that key signs the instruction (a voter, a
//! device), or a PDA the program already knows the bump of (its state) when it does not: the
//! program then signs for it through its seeds. A base that is a transaction signer could also
//! create the account itself with the System program, owned by our program and empty: the
//! creation refuses it as existing ([`AccountInfo::check_uninitialized`]), so such a key only
//! blocks its own record.
//!
//! Like [`crate::pda::NewPda`], [`NewSeeded::create_with`] accepts an address that already holds
//! lamports: nobody can block a creation by sending lamports there first.

use crate::account::{AccountInfo, RefMut};
use crate::check::reject;
use crate::cpi::Signer;
use crate::error::{ProgramError, ProgramResult};
use crate::pda::Funding;
use crate::pubkey::Pubkey;
use crate::state::Layout;
use crate::syscalls::Bytes;
use crate::system::{AllocateWithSeed, AssignWithSeed, CreateAccountWithSeed, Transfer};

/// A seed is at most this many bytes (the System program's limit).
pub const MAX_SEED_LEN: usize = 32;

/// The seeded address of `seed` under `base` for accounts owned by `program_id`.
pub fn address(base: &Pubkey, seed: &[u8], program_id: &Pubkey) -> Pubkey {
    crate::hash::sha256(&[Bytes::new(base), Bytes::new(seed), Bytes::new(program_id)])
}

/// A seed of a tag and a number: `tag` then the 16 lowercase hex digits of `id` (big-endian),
/// for records indexed by a counter or an epoch. ASCII, as the System program requires (its
/// seed is a UTF-8 string).
pub struct IdSeed {
    bytes: [u8; MAX_SEED_LEN],
    len: usize,
}

impl IdSeed {
    /// `tag` must leave room for the 16 digits (at most 16 bytes): a constant in every caller.
    pub fn new(tag: &[u8], id: u64) -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut bytes = [0u8; MAX_SEED_LEN];
        let tag_len = tag.len().min(MAX_SEED_LEN - 16);
        bytes[..tag_len].copy_from_slice(&tag[..tag_len]);
        let mut i = 0;
        while i < 16 {
            let nibble = (id >> (60 - 4 * i)) & 0xf;
            bytes[tag_len + i] = DIGITS[nibble as usize];
            i += 1;
        }
        Self {
            bytes,
            len: tag_len + 16,
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A seeded account checked free to create: see [`new_seeded`].
pub struct NewSeeded<'a> {
    pub account: &'a AccountInfo,
    pub base: &'a AccountInfo,
    pub seed: &'a [u8],
    /// The owner the address was checked for, and the new account's.
    pub program_id: &'a Pubkey,
}

/// Checks that `account` is the writable, not-yet-created account at the seeded address of
/// `seed` under `base` for `program_id`. Not yet created means no data and owned by the System
/// program; it may hold lamports ([`NewSeeded::create_with`] tops it up). `InvalidSeeds` for
/// another address or a seed over [`MAX_SEED_LEN`] bytes.
// Inlined: six argument registers with the result's pointer, one more than SBPF passes.
#[inline(always)]
pub fn new_seeded<'a>(
    account: &'a AccountInfo,
    base: &'a AccountInfo,
    seed: &'a [u8],
    program_id: &'a Pubkey,
) -> Result<NewSeeded<'a>, ProgramError> {
    if seed.len() > MAX_SEED_LEN {
        crate::log::log("seed longer than 32 bytes");
        return Err(ProgramError::MaxSeedLengthExceeded);
    }
    if &address(base.key(), seed, program_id) != account.key() {
        return Err(reject(
            account,
            "account is not the expected seeded address",
            ProgramError::InvalidSeeds,
        ));
    }
    account.check_writable()?;
    account.check_uninitialized()?;
    Ok(NewSeeded {
        account,
        base,
        seed,
        program_id,
    })
}

impl<'a> NewSeeded<'a> {
    /// Creates the account with `space` zeroed bytes owned by the program its address was checked
    /// for, rent-exempt. `base` signs: a signer of the transaction (`signers`
    /// empty) or a PDA of the program through `signers`. `funding.payer` pays what rent exemption
    /// still needs: all of it for an empty address (one `CreateAccountWithSeed`); for an address
    /// that already holds lamports, only the shortfall (a `Transfer`), then `AllocateWithSeed`
    /// and `AssignWithSeed`.
    // Inlined: six argument registers with the result's pointer, one more than SBPF passes (a
    // caller signing through a PDA's seeds keeps `signers` from being folded away).
    #[inline(always)]
    pub fn create_with(
        &self,
        funding: &Funding,
        space: usize,
        signers: &[Signer],
    ) -> ProgramResult {
        let program_id = self.program_id;
        let payer = funding.payer;
        let rent = funding
            .rent
            .minimum_balance(space as u64)
            .ok_or(ProgramError::ArithmeticOverflow)?;
        let held = self.account.lamports();
        if held == 0 {
            return CreateAccountWithSeed {
                from: payer,
                to: self.account,
                base: self.base,
                seed: self.seed,
                lamports: rent,
                space: space as u64,
                owner: program_id,
            }
            .invoke_signed(signers);
        }
        let shortfall = rent.saturating_sub(held);
        if shortfall > 0 {
            Transfer {
                from: payer,
                to: self.account,
                lamports: shortfall,
            }
            .invoke()?;
        }
        AllocateWithSeed {
            account: self.account,
            base: self.base,
            seed: self.seed,
            space: space as u64,
            owner: program_id,
        }
        .invoke_signed(signers)?;
        AssignWithSeed {
            account: self.account,
            base: self.base,
            seed: self.seed,
            owner: program_id,
        }
        .invoke_signed(signers)
    }

    /// Creates the account as a `T` owned by the program ([`NewSeeded::create_with`] with
    /// [`Layout::LEN`] bytes), writes `T`'s discriminator and borrows it.
    pub fn init_with<T: Layout>(
        &self,
        funding: &Funding,
        signers: &[Signer],
    ) -> Result<RefMut<'a, T>, ProgramError> {
        self.create_with(funding, T::LEN, signers)?;
        let mut data = self.account.try_borrow_mut_data()?;
        if let Some(discriminator) = data.first_chunk_mut::<8>() {
            *discriminator = T::DISCRIMINATOR;
        }
        RefMut::try_map(data, |data| T::view_mut(data).ok_or(()))
            .map_err(|()| T::wrong_type(self.account))
    }

    /// [`NewSeeded::init_with`] paid by `payer` at the Rent sysvar's price.
    pub fn init<T: Layout>(
        &self,
        payer: &AccountInfo,
        signers: &[Signer],
    ) -> Result<RefMut<'a, T>, ProgramError> {
        let funding = Funding {
            payer,
            rent: crate::sysvar::Rent::get()?,
        };
        self.init_with(&funding, signers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> [u8; 64] {
        let mut out = [0u8; 64];
        for (i, b) in bytes.iter().enumerate() {
            out[2 * i] = b"0123456789abcdef"[(b >> 4) as usize];
            out[2 * i + 1] = b"0123456789abcdef"[(b & 0xf) as usize];
        }
        out
    }

    #[test]
    fn addresses_as_solana_go() {
        // (case, seed, address): solana-go's CreateWithSeed with base[j] = 7 * case + j and
        // owner[j] = 255 - j - case.
        let vectors = [
            (
                0u8,
                "vote00000000000000000007",
                "475b86bc840fc1f91b087014d87e0505e4ee1cb364b9ccb6c63f21312f5c7cc0",
            ),
            (
                1,
                "position",
                "1192e7734b8d547d6f68dfb6bf4b3e7f12614847af2a625fefb1e31cd4d671d4",
            ),
            (
                2,
                "a",
                "fa6fa4417d5aef25b16e55b87f2ed8e59b7c56522a9568d8bc090482c88cca77",
            ),
            (
                3,
                "0123456789abcdef0123456789abcdef",
                "803252f17ab5534074ead2797dbe5864e91bbaae53e578aa016b1b38ac37ffd4",
            ),
        ];
        for (case, seed, want) in vectors {
            let base: Pubkey = core::array::from_fn(|j| case * 7 + j as u8);
            let owner: Pubkey = core::array::from_fn(|j| 255 - j as u8 - case);
            let got = address(&base, seed.as_bytes(), &owner);
            assert_eq!(&hex(&got)[..], want.as_bytes(), "case {case}");
        }
    }

    #[test]
    fn id_seed_is_tag_then_hex() {
        assert_eq!(
            IdSeed::new(b"vote", 0x0123_4567_89ab_cdef).as_bytes(),
            b"vote0123456789abcdef"
        );
        assert_eq!(IdSeed::new(b"", 7).as_bytes(), b"0000000000000007");
        assert_eq!(
            IdSeed::new(b"burn", u64::MAX).as_bytes(),
            b"burnffffffffffffffff"
        );
    }
}
