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
//!
//! The creation path is inlined into its caller (usually one a program): the space, the signer
//! and the `CreateAccountWithSeed` data then fold into constants and stores, about 80 compute
//! units less than a shared out-of-line call.

use crate::account::{AccountInfo, RefMut};
use crate::check::reject;
use crate::cpi::Signer;
use crate::error::{ProgramError, ProgramResult};
use crate::pda::{top_up, view_created, Funding};
use crate::pubkey::Pubkey;
use crate::state::Layout;
use crate::syscalls::Bytes;
use crate::system::{AllocateWithSeed, AssignWithSeed, CreateAccountWithSeed};

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
        let mut bytes = [0u8; MAX_SEED_LEN];
        let tag_len = tag.len().min(MAX_SEED_LEN - 16);
        bytes[..tag_len].copy_from_slice(&tag[..tag_len]);
        bytes[tag_len..tag_len + 8].copy_from_slice(&hex8((id >> 32) as u32));
        bytes[tag_len + 8..tag_len + 16].copy_from_slice(&hex8(id as u32));
        Self {
            bytes,
            len: tag_len + 16,
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The 8 lowercase hex digits of `v`, most significant first: each nibble spread to a byte of a
/// u64, then moved into ASCII all at once (a handful of instructions where a digit loop costs
/// about 150 compute units for an id).
fn hex8(v: u32) -> [u8; 8] {
    const BYTES: u64 = 0x0101_0101_0101_0101;
    let mut x = v as u64;
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f; // byte i: nibble i
    let letters = ((x + 6 * BYTES) >> 4) & BYTES; // 1 in each byte over 9
    (x + b'0' as u64 * BYTES + letters * (b'a' - b'0' - 10) as u64).to_be_bytes()
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
    /// for, rent-exempt. `base` signs: a signer of the transaction (`signer`
    /// `None`) or a PDA of the program through `signer`. `funding.payer` pays what rent exemption
    /// still needs: all of it for an empty address (one `CreateAccountWithSeed`); for an address
    /// that already holds lamports, only the shortfall (a `Transfer`), then `AllocateWithSeed`
    /// and `AssignWithSeed`.
    #[inline(always)]
    pub fn create_with(
        &self,
        funding: &Funding,
        space: usize,
        signer: Option<&Signer>,
    ) -> ProgramResult {
        let program_id = self.program_id;
        let signers = signer.map_or(&[][..], core::slice::from_ref);
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
        top_up(payer, self.account, rent)?;
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
    #[inline(always)]
    pub fn init_with<T: Layout>(
        &self,
        funding: &Funding,
        signer: Option<&Signer>,
    ) -> Result<RefMut<'a, T>, ProgramError> {
        self.create_with(funding, T::LEN, signer)?;
        view_created(self.account)
    }

    /// [`NewSeeded::init_with`] paid by `payer` at the Rent sysvar's price.
    #[inline(always)]
    pub fn init<T: Layout>(
        &self,
        payer: &AccountInfo,
        signer: Option<&Signer>,
    ) -> Result<RefMut<'a, T>, ProgramError> {
        let funding = Funding {
            payer,
            rent: crate::sysvar::Rent::get()?,
        };
        self.init_with(&funding, signer)
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
        let mut id = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..1000 {
            id = id.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let want = std::format!("receipt{id:016x}");
            assert_eq!(IdSeed::new(b"receipt", id).as_bytes(), want.as_bytes());
        }
    }
}
