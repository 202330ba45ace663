//! Program-derived addresses. Programs store the bump of each PDA they create and verify it with
//! [`create_program_address`] (one hash and one curve check); [`find_program_address`] searches
//! bumps and is meant for creation paths only, where [`new_pda`] finds the bump and
//! [`NewPda::create`] creates the account. `NewPda` is the only way our programs create accounts: it accepts an address that
//! already holds lamports, so nobody can block a creation by sending lamports there first.

use core::cell::Cell;
use core::mem::MaybeUninit;

use crate::account::{AccountInfo, RefMut};
use crate::check::reject;
use crate::cpi::{Seed, Signer};
use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::Pubkey;
use crate::state::Layout;
use crate::syscalls::{self, Bytes};
use crate::system::{Allocate, Assign, CreateAccount, Transfer};
use crate::sysvar::Rent;
use crate::token::{InitializeAccount3, TokenAccount, NATIVE_MINT, TOKEN_PROGRAM_ID};

/// At most this many seeds, bump included.
pub const MAX_SEEDS: usize = 16;
/// Each seed is at most this many bytes.
pub const MAX_SEED_LEN: usize = 32;

/// The `sol_sha256` input of a PDA: its seeds (bump included), then the program id and the marker
/// the runtime appends, written in place (the array is neither zeroed first nor copied out).
struct HashInput<'a> {
    parts: [MaybeUninit<Bytes<'a>>; MAX_SEEDS + 2],
    len: usize,
}

/// What the runtime appends to the seeds and program id before hashing a PDA.
const PDA_MARKER: &[u8; 21] = b"ProgramDerivedAddress";

/// `sol_curve_validate_point`'s curve id for Curve25519 in Edwards form (ed25519 keys).
const CURVE25519_EDWARDS: u64 = 0;

impl<'a> HashInput<'a> {
    const fn new() -> Self {
        Self {
            parts: [const { MaybeUninit::uninit() }; MAX_SEEDS + 2],
            len: 0,
        }
    }

    /// `seeds` (plus an optional bump), then `program_id` and the marker. Refuses what the
    /// runtime refuses: more than [`MAX_SEEDS`] seeds with the bump, a seed over
    /// [`MAX_SEED_LEN`] bytes.
    fn fill(
        &mut self,
        seeds: &[&'a [u8]],
        bump: Option<&'a Cell<u8>>,
        program_id: &'a Pubkey,
    ) -> ProgramResult {
        let count = seeds.len() + bump.is_some() as usize;
        if count > MAX_SEEDS {
            crate::log::log("too many PDA seeds: at most 16, bump included");
            return Err(ProgramError::MaxSeedLengthExceeded);
        }
        for (part, seed) in self.parts.iter_mut().zip(seeds) {
            if seed.len() > MAX_SEED_LEN {
                crate::log::log("PDA seed longer than 32 bytes: hash long seeds first");
                return Err(ProgramError::MaxSeedLengthExceeded);
            }
            part.write(Bytes::new(seed));
        }
        if let Some(bump) = bump {
            self.parts[seeds.len()].write(Bytes::from_cell(bump));
        }
        self.parts[count].write(Bytes::new(program_id));
        self.parts[count + 1].write(Bytes::new(PDA_MARKER));
        self.len = count + 2;
        Ok(())
    }

    /// The runtime's PDA rule, computed from two cheap syscalls instead of
    /// `sol_create_program_address` (a flat 1,500 compute units a call, and as much per bump
    /// `sol_try_find_program_address` tries): the address is
    /// `sha256(seeds ++ program_id ++ "ProgramDerivedAddress")` (`sol_sha256`, 85 plus 10 to 16 per
    /// part) and must not be an ed25519 point (`sol_curve_validate_point`, 159), the two steps of
    /// the runtime's own derivation. Writes the hash to `address`; false when it is a point (no
    /// PDA for these seeds) or the curve syscall is unavailable (the host).
    fn derive(&self, address: &mut Pubkey) -> bool {
        // SAFETY: `fill` wrote the first `len` parts (none when it failed or was not called).
        let parts = unsafe {
            core::slice::from_raw_parts(self.parts.as_ptr() as *const Bytes<'a>, self.len)
        };
        let mut unused = 0u8;
        // SAFETY: `parts` is a live slice of (address, length) entries and `address` has 32
        // writable bytes; the curve syscall reads those 32 bytes and writes nothing for this
        // curve (`unused` is a valid byte regardless).
        let status = unsafe {
            syscalls::sol_sha256(parts.as_ptr(), parts.len() as u64, address.as_mut_ptr());
            syscalls::sol_curve_validate_point(CURVE25519_EDWARDS, address.as_ptr(), &mut unused)
        };
        // 0: a point on the curve (could have a private key), 1: not a point (a valid PDA).
        status == 1
    }
}

/// The address derived from `seeds` (bump included) and `program_id`; `InvalidSeeds` when the
/// seeds give a point on the curve (such an address could have a private key).
pub fn create_program_address(
    seeds: &[&[u8]],
    program_id: &Pubkey,
) -> Result<Pubkey, ProgramError> {
    let mut input = HashInput::new();
    input.fill(seeds, None, program_id)?;
    let mut address = [0u8; 32];
    match input.derive(&mut address) {
        true => Ok(address),
        false => Err(ProgramError::InvalidSeeds),
    }
}

/// Searches bumps 255 down to 0 for the first off-curve address: `(address, bump)`, the
/// runtime's canonical bump. About 340 compute units per bump tried (see [`HashInput::derive`]);
/// store the bump and use [`check_pda`] later.
pub fn find_program_address(
    seeds: &[&[u8]],
    program_id: &Pubkey,
) -> Result<(Pubkey, u8), ProgramError> {
    let bump = Cell::new(u8::MAX);
    let mut input = HashInput::new();
    input.fill(seeds, Some(&bump), program_id)?;
    let mut address = [0u8; 32];
    loop {
        if input.derive(&mut address) {
            return Ok((address, bump.get()));
        }
        match bump.get().checked_sub(1) {
            Some(next) => bump.set(next),
            None => return Err(ProgramError::InvalidSeeds),
        }
    }
}

/// Checks that `account` is the PDA of `seeds` + `[bump]` under `program_id`.
pub fn check_pda(
    account: &AccountInfo,
    seeds: &[&[u8]],
    bump: u8,
    program_id: &Pubkey,
) -> ProgramResult {
    let bump = Cell::new(bump);
    let mut input = HashInput::new();
    input.fill(seeds, Some(&bump), program_id)?;
    let mut address = [0u8; 32];
    if input.derive(&mut address) && &address == account.key() {
        return Ok(());
    }
    Err(reject(
        account,
        "account is not the expected program-derived address",
        ProgramError::InvalidSeeds,
    ))
}

/// Most seeds (bump excluded) of a PDA that [`new_pda`] accepts.
pub const MAX_NEW_PDA_SEEDS: usize = 4;

/// A program-derived account checked free to create: see [`new_pda`].
pub struct NewPda<'a> {
    pub account: &'a AccountInfo,
    pub seeds: &'a [&'a [u8]],
    /// Store it in the account: later instructions check the address with [`check_pda`].
    pub bump: u8,
}

/// Checks that `account` is the writable, not-yet-created PDA of `seeds` (at most
/// [`MAX_NEW_PDA_SEEDS`]) under `program_id` and finds its bump. Not yet created means no data
/// and owned by the System program; it may hold lamports, since anyone can send lamports to any
/// address, and a PDA's address is known in advance ([`NewPda::create`] then tops it up). Searching
/// bumps is expensive, so only creation paths should do it; later instructions can rely on the
/// owner, discriminator and stored keys of accounts the program created, or on [`check_pda`]
/// with the stored bump.
pub fn new_pda<'a>(
    account: &'a AccountInfo,
    seeds: &'a [&'a [u8]],
    program_id: &Pubkey,
) -> Result<NewPda<'a>, ProgramError> {
    if seeds.len() > MAX_NEW_PDA_SEEDS {
        crate::log::log("too many seeds for new_pda: at most 4, bump excluded");
        return Err(ProgramError::MaxSeedLengthExceeded);
    }
    let (address, bump) = find_program_address(seeds, program_id)?;
    if &address != account.key() {
        return Err(reject(
            account,
            "account is not the expected program-derived address",
            ProgramError::InvalidSeeds,
        ));
    }
    account.check_writable()?;
    account.check_uninitialized()?;
    Ok(NewPda {
        account,
        seeds,
        bump,
    })
}

impl<'a> NewPda<'a> {
    /// Creates the account with `space` zeroed bytes owned by `owner`, rent-exempt, the PDA
    /// signing through its seeds. `payer` (a writable, System-owned signer) pays what rent
    /// exemption still needs: all of it for an empty address (one `CreateAccount`); for an
    /// address that already holds lamports (sent by anyone), only the shortfall (a `Transfer`),
    /// then `Allocate` and `Assign`. Lamports above the rent stay in the account: the sender's
    /// loss, they go wherever the account's lamports go when it is closed.
    pub fn create(&self, payer: &AccountInfo, space: usize, owner: &Pubkey) -> ProgramResult {
        let rent = Rent::get()?
            .minimum_balance(space as u64)
            .ok_or(ProgramError::ArithmeticOverflow)?;
        let bump = [self.bump];
        let mut signer_seeds = [Seed::new(&bump); MAX_NEW_PDA_SEEDS + 1];
        for (slot, seed) in signer_seeds.iter_mut().zip(self.seeds) {
            *slot = Seed::new(seed);
        }
        // `new_pda` admitted at most MAX_NEW_PDA_SEEDS seeds; the bump follows them.
        let signer = [Signer::from(&signer_seeds[..=self.seeds.len()])];
        let held = self.account.lamports();
        if held == 0 {
            return CreateAccount {
                from: payer,
                to: self.account,
                lamports: rent,
                space: space as u64,
                owner,
            }
            .invoke_signed(&signer);
        }
        // Pre-funded: pay the shortfall, then have the System program size and hand over the
        // account, the PDA signing.
        let shortfall = rent.saturating_sub(held);
        if shortfall > 0 {
            Transfer {
                from: payer,
                to: self.account,
                lamports: shortfall,
            }
            .invoke()?;
        }
        Allocate {
            account: self.account,
            space: space as u64,
        }
        .invoke_signed(&signer)?;
        Assign {
            account: self.account,
            owner,
        }
        .invoke_signed(&signer)
    }

    /// Creates the account as a `T` owned by `program_id` ([`NewPda::create`] with [`Layout::LEN`]
    /// bytes), writes `T`'s discriminator and borrows it. The same as `create` then
    /// [`Layout::init`], without `init`'s owner, length and zeroed-data checks, which an account
    /// created by this very call passes by construction.
    pub fn init<T: Layout>(
        &self,
        payer: &AccountInfo,
        program_id: &Pubkey,
    ) -> Result<RefMut<'a, T>, ProgramError> {
        self.create(payer, T::LEN, program_id)?;
        let mut data = self.account.try_borrow_mut_data()?;
        if let Some(discriminator) = data.first_chunk_mut::<8>() {
            *discriminator = T::DISCRIMINATOR;
        }
        RefMut::try_map(data, |data| T::view_mut(data).ok_or(()))
            .map_err(|()| T::wrong_type(self.account))
    }

    /// Creates the account as an SPL Token account of `mint` owned by `owner` ([`NewPda::create`]
    /// then `InitializeAccount3`). The native mint is refused (`InvalidArgument`): there, lamports
    /// sent to the address beforehand would become tokens in the account.
    pub fn create_token_account(
        &self,
        payer: &AccountInfo,
        mint: &AccountInfo,
        owner: &Pubkey,
    ) -> ProgramResult {
        if mint.key() == &NATIVE_MINT {
            return Err(reject(
                mint,
                "wrapped SOL cannot be held in a program-derived token account",
                ProgramError::InvalidArgument,
            ));
        }
        self.create(payer, TokenAccount::LEN, &TOKEN_PROGRAM_ID)?;
        InitializeAccount3 {
            account: self.account,
            mint,
            owner,
        }
        .invoke()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_seeds_before_the_syscall() {
        let long = [0u8; 33];
        let many: [&[u8]; 17] = [b"s"; 17];
        let cases: [(&str, &[&[u8]], ProgramError); 2] = [
            (
                "seed too long",
                &[b"ok", &long],
                ProgramError::MaxSeedLengthExceeded,
            ),
            ("too many seeds", &many, ProgramError::MaxSeedLengthExceeded),
        ];
        for (name, seeds, want) in cases {
            assert_eq!(
                create_program_address(seeds, &[0; 32]).err(),
                Some(want),
                "{name}"
            );
        }
        // 15 seeds plus the bump is the most allowed.
        let bump = Cell::new(1);
        assert!(HashInput::new()
            .fill(&many[..15], Some(&bump), &[0; 32])
            .is_ok());
        assert!(HashInput::new()
            .fill(&many[..16], Some(&bump), &[0; 32])
            .is_err());
    }

    #[test]
    fn new_pda_rejects_too_many_seeds_before_the_search() {
        use core::mem::MaybeUninit;

        use crate::entrypoint::deserialize;
        use crate::testing::{AccountSpec, InputBuffer};

        let specs = [AccountSpec::default()];
        let mut buffer = InputBuffer::new(&specs, &[0], b"", &[7; 32]);
        let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 1];
        // SAFETY: `buffer` is a well-formed input buffer that outlives `input`.
        let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
        let seeds: [&[u8]; MAX_NEW_PDA_SEEDS + 1] = [b"s"; MAX_NEW_PDA_SEEDS + 1];
        assert_eq!(
            new_pda(&input.accounts[0], &seeds, &[7; 32]).err(),
            Some(ProgramError::MaxSeedLengthExceeded)
        );
    }
}
