//! Program-derived addresses. Programs store the bump of each PDA they create and verify it with
//! [`check_pda`] (one hash and one curve check); [`find_program_address`] searches bumps and is
//! meant for creation paths, where [`new_pda`] finds the bump and [`NewPda::create`] creates
//! the account. `NewPda` is the only way our programs create accounts: it accepts an address that
//! already holds lamports, so nobody can block a creation by sending lamports there first.
//!
//! Derivation follows the runtime's rule step for step with two cheap syscalls instead of
//! `sol_create_program_address` / `sol_try_find_program_address` (a flat 1,500 compute units a
//! call, and as much per bump tried): the address is
//! `sha256(seeds || bump || program_id || "ProgramDerivedAddress")` (`sol_sha256`: 85 plus 10 to
//! 16 a part) and must not be an ed25519 point (`sol_curve_validate_point`: 159), about 350 a
//! bump. The curve syscall needs feature `curve25519_syscall_enabled`, active on mainnet-beta,
//! devnet and testnet (see programs/COMPUTE_UNITS.md).

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

/// What the runtime appends after the seeds and the program id before hashing a PDA.
const PDA_MARKER: &[u8; 21] = b"ProgramDerivedAddress";

/// `sol_curve_validate_point`'s id of Curve25519 in Edwards form (ed25519 keys).
const CURVE25519_EDWARDS: u64 = 0;

/// Every bump byte, so a search points the bump's entry at `BUMPS[bump]` instead of rewriting
/// the entries.
static BUMPS: [u8; 256] = {
    let mut bumps = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        bumps[i] = i as u8;
        i += 1;
    }
    bumps
};

/// Room for a PDA's `sol_sha256` input: the seeds, the bump, the program id, the marker. The
/// caller owns it, so the entries are written where they stay (neither zeroed first nor moved:
/// returning them by value copied the whole array, about 100 compute units a derivation).
type Slots<'a> = [MaybeUninit<Bytes<'a>>; MAX_SEEDS + 2];

const fn slots<'a>() -> Slots<'a> {
    [const { MaybeUninit::uninit() }; MAX_SEEDS + 2]
}

/// The `sol_sha256` input of a PDA, in the caller's [`Slots`]: `seeds`, the bump when there is
/// one, the program id and [`PDA_MARKER`].
struct HashInput<'a, 's> {
    entries: &'s mut Slots<'a>,
    /// Entries written: seeds, bump, program id, marker.
    len: usize,
}

impl<'a, 's> HashInput<'a, 's> {
    /// Refuses what the runtime refuses: more than [`MAX_SEEDS`] seeds with the bump, a seed
    /// over [`MAX_SEED_LEN`] bytes. `bump`: the bump's byte, when the seeds do not hold it.
    fn new(
        entries: &'s mut Slots<'a>,
        seeds: &[&'a [u8]],
        bump: Option<u8>,
        program_id: &'a Pubkey,
    ) -> Result<Self, ProgramError> {
        let count = seeds.len() + bump.is_some() as usize;
        if count > MAX_SEEDS {
            crate::log::log("too many PDA seeds: at most 16, bump included");
            return Err(ProgramError::MaxSeedLengthExceeded);
        }
        for (entry, seed) in entries.iter_mut().zip(seeds) {
            if seed.len() > MAX_SEED_LEN {
                crate::log::log("PDA seed longer than 32 bytes: hash long seeds first");
                return Err(ProgramError::MaxSeedLengthExceeded);
            }
            entry.write(Bytes::new(seed));
        }
        if let Some(bump) = bump {
            entries[seeds.len()].write(bump_entry(bump));
        }
        entries[count].write(Bytes::new(program_id));
        entries[count + 1].write(Bytes::new(PDA_MARKER));
        Ok(Self {
            entries,
            len: count + 2,
        })
    }

    /// Points the bump's entry (the one before the program id) at `bump`.
    fn set_bump(&mut self, bump: u8) {
        self.entries[self.len - 3].write(bump_entry(bump));
    }

    fn as_slice(&self) -> &[Bytes<'a>] {
        // SAFETY: `new` wrote the first `len` entries.
        unsafe { core::slice::from_raw_parts(self.entries.as_ptr() as *const Bytes<'a>, self.len) }
    }

    /// The hash of the input: the address when it is off the curve.
    fn candidate(&self) -> Pubkey {
        crate::hash::sha256(self.as_slice())
    }

    /// The address of the input; `None` when the hash is an ed25519 point (such an address
    /// could have a private key: no PDA for these seeds) or the curve syscall is unavailable
    /// (the host).
    fn address(&self) -> Option<Pubkey> {
        let address = self.candidate();
        let mut unused = 0u8;
        // SAFETY: `address` holds the 32 bytes of a compressed Edwards point the syscall reads;
        // it writes nothing for this curve (`unused` is a valid byte regardless).
        let status = unsafe {
            syscalls::sol_curve_validate_point(CURVE25519_EDWARDS, address.as_ptr(), &mut unused)
        };
        // 0: a point on the curve, 1: not a point (a valid PDA).
        (status == 1).then_some(address)
    }
}

fn bump_entry(bump: u8) -> Bytes<'static> {
    Bytes::new(core::slice::from_ref(&BUMPS[bump as usize]))
}

/// The address derived from `seeds` (bump included) and `program_id`; `InvalidSeeds` when the
/// seeds give a point on the curve (such an address could have a private key).
pub fn create_program_address(
    seeds: &[&[u8]],
    program_id: &Pubkey,
) -> Result<Pubkey, ProgramError> {
    HashInput::new(&mut slots(), seeds, None, program_id)?
        .address()
        .ok_or(ProgramError::InvalidSeeds)
}

/// Searches bumps 255 down to 1, as the runtime does, for the first off-curve address:
/// `(address, bump)`, the canonical bump. About 350 compute units per bump tried; store the
/// bump and use [`check_pda`] later.
pub fn find_program_address(
    seeds: &[&[u8]],
    program_id: &Pubkey,
) -> Result<(Pubkey, u8), ProgramError> {
    let mut slots = slots();
    let mut input = HashInput::new(&mut slots, seeds, Some(u8::MAX), program_id)?;
    let mut bump = u8::MAX;
    while bump > 0 {
        if let Some(address) = input.address() {
            return Ok((address, bump));
        }
        bump -= 1;
        input.set_bump(bump);
    }
    Err(ProgramError::InvalidSeeds)
}

/// Checks that `account` is the PDA of `seeds` + `[bump]` under `program_id`.
pub fn check_pda(
    account: &AccountInfo,
    seeds: &[&[u8]],
    bump: u8,
    program_id: &Pubkey,
) -> ProgramResult {
    match HashInput::new(&mut slots(), seeds, Some(bump), program_id)?.address() {
        Some(address) if &address == account.key() => return Ok(()),
        _ => {}
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

/// Checks that `account` is writable and not yet created (as [`new_pda`]) and takes `bump` as its
/// bump without deriving the address: the runtime derives it when the PDA signs its own creation
/// ([`NewPda::create`]) and refuses an account that is not the PDA of `seeds` + `[bump]`, once
/// the account is known not to sign the transaction itself (`InvalidSeeds` if it does). For
/// accounts whose uniqueness does not rest on the canonical bump (a counter's id, or a parent
/// that creates its child once): the caller may pick any bump that gives an off-curve address,
/// and a lookup from the seeds alone (which finds the canonical one) may not find the account.
pub fn new_pda_with_bump<'a>(
    account: &'a AccountInfo,
    seeds: &'a [&'a [u8]],
    bump: u8,
) -> Result<NewPda<'a>, ProgramError> {
    if seeds.len() > MAX_NEW_PDA_SEEDS {
        crate::log::log("too many seeds for new_pda: at most 4, bump excluded");
        return Err(ProgramError::MaxSeedLengthExceeded);
    }
    // A signer of the transaction could create the account with its own signature: the
    // runtime's check proves the PDA only for an account the transaction does not sign.
    if account.is_signer() {
        return Err(reject(
            account,
            "a signer's account in place of a program-derived address",
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

/// Who pays for a creation and the Rent sysvar it is priced with: an instruction that creates
/// several accounts reads the sysvar once (`Rent::get`, about 140 CU a read) and passes it to
/// each [`NewPda::create_with`].
pub struct Funding<'b> {
    /// A writable, System-owned signer.
    pub payer: &'b AccountInfo,
    pub rent: Rent,
}

/// The pre-funded path of a creation: `payer` pays what `account` lacks of `rent` (a `Transfer`;
/// nothing when it already holds that much).
pub(crate) fn top_up(payer: &AccountInfo, account: &AccountInfo, rent: u64) -> ProgramResult {
    let shortfall = rent.saturating_sub(account.lamports());
    if shortfall > 0 {
        Transfer {
            from: payer,
            to: account,
            lamports: shortfall,
        }
        .invoke()?;
    }
    Ok(())
}

/// Writes `T`'s discriminator into an account this instruction has just created with
/// [`Layout::LEN`] zeroed bytes and borrows it as a `T` (no owner, length and zeroed-data checks:
/// it passes them by construction).
#[inline(always)]
pub(crate) fn view_created<'a, T: Layout>(
    account: &'a AccountInfo,
) -> Result<RefMut<'a, T>, ProgramError> {
    let mut data = account.try_borrow_mut_data()?;
    if let Some(discriminator) = data.first_chunk_mut::<8>() {
        *discriminator = T::DISCRIMINATOR;
    }
    RefMut::try_map(data, |data| T::view_mut(data).ok_or(())).map_err(|()| T::wrong_type(account))
}

impl<'a> NewPda<'a> {
    /// Creates the account with `space` zeroed bytes owned by `owner`, rent-exempt, the PDA
    /// signing through its seeds. `payer` (a writable, System-owned signer) pays what rent
    /// exemption still needs: all of it for an empty address (one `CreateAccount`); for an
    /// address that already holds lamports (sent by anyone), only the shortfall (a `Transfer`),
    /// then `Allocate` and `Assign`. Lamports above the rent stay in the account: the sender's
    /// loss, they go wherever the account's lamports go when it is closed.
    pub fn create(&self, payer: &AccountInfo, space: usize, owner: &Pubkey) -> ProgramResult {
        let funding = Funding {
            payer,
            rent: Rent::get()?,
        };
        self.create_with(&funding, space, owner)
    }

    /// [`NewPda::create`] paid by `funding.payer` at `funding.rent`.
    pub fn create_with(&self, funding: &Funding, space: usize, owner: &Pubkey) -> ProgramResult {
        let payer = funding.payer;
        let rent = funding
            .rent
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
        top_up(payer, self.account, rent)?;
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
        let funding = Funding {
            payer,
            rent: Rent::get()?,
        };
        self.init_with(&funding, program_id)
    }

    /// [`NewPda::init`] paid by `funding.payer` at `funding.rent`.
    pub fn init_with<T: Layout>(
        &self,
        funding: &Funding,
        program_id: &Pubkey,
    ) -> Result<RefMut<'a, T>, ProgramError> {
        self.create_with(funding, T::LEN, program_id)?;
        view_created(self.account)
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
        let funding = Funding {
            payer,
            rent: Rent::get()?,
        };
        self.create_token_account_with(&funding, mint, owner)
    }

    /// [`NewPda::create_token_account`] paid by `funding.payer` at `funding.rent`.
    pub fn create_token_account_with(
        &self,
        funding: &Funding,
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
        self.create_with(funding, TokenAccount::LEN, &TOKEN_PROGRAM_ID)?;
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
        assert!(HashInput::new(&mut slots(), &many[..15], Some(1), &[0; 32]).is_ok());
        assert!(HashInput::new(&mut slots(), &many[..16], Some(1), &[0; 32]).is_err());
    }

    /// Decodes 64 hex digits.
    fn key(hex: &str) -> Pubkey {
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn hashes_as_the_runtime() {
        // (seed byte, canonical bump, program id, address): solana-go's FindProgramAddress on
        // seeds ["vault", [seed byte]]. The host has no curve check, so this pins the hash input
        // (seeds || bump || program id || "ProgramDerivedAddress") at the canonical bump; the
        // whole search, curve check included, runs on the SVM in programs/fixtures
        // `TestPDADerivation` against solana-go on many seeds.
        let vectors = [
            (
                0u8,
                255u8,
                "0412abccf010a11cbf602f8cf3813ff35ccaecd9f17a503bc99216fb3616f0ae",
                "ec64b88262e0bd91318c4966afe799c298fd9f1dc9574eeef01c0a2d0f419326",
            ),
            (
                5,
                250,
                "c9d31a13588594954c2a24aca2b25d640f13a17e8e99ff303b8665d7ca974158",
                "440f3cecbb552e96ec7c17ef90475d7a162f95a0ef1e63a49dadc4da2cef19e1",
            ),
            (
                16,
                252,
                "0615821bfebc1671f82f84a6baa81bec6be58ec2cba44d1fed14beeb1548bde9",
                "592e3364ab6047d9c28ae80e9802e488c768edd6ecf1da34b5e4d87ac2b73ec1",
            ),
            (
                27,
                251,
                "02c810620c3bb35ac65d3c3963c65f604af82c85ec3058e6fe5cbbabc1d2c1fe",
                "468bd7738e1d4c853d3a852fa2d0cafdee778e37797ef49b3c6062c4a3b4abb9",
            ),
        ];
        for (seed, bump, program_id, address) in vectors {
            let program_id = key(program_id);
            let seed = [seed];
            let seeds: [&[u8]; 2] = [b"vault", &seed];
            let want = key(address);
            // The bump as its own entry (check_pda), as the search sets it, and inside the seeds
            // (create_program_address).
            let mut room = slots();
            let input = HashInput::new(&mut room, &seeds, Some(bump), &program_id).unwrap();
            assert_eq!(input.candidate(), want, "bump entry, seed {}", seed[0]);
            let mut room = slots();
            let mut input = HashInput::new(&mut room, &seeds, Some(u8::MAX), &program_id).unwrap();
            input.set_bump(bump);
            assert_eq!(input.candidate(), want, "search, seed {}", seed[0]);
            let bump = [bump];
            let with_bump: [&[u8]; 3] = [b"vault", &seed, &bump];
            let mut room = slots();
            let input = HashInput::new(&mut room, &with_bump, None, &program_id).unwrap();
            assert_eq!(input.candidate(), want, "bump in seeds, seed {}", seed[0]);
        }
    }

    #[test]
    fn new_pda_with_bump_refuses_signers_and_existing_accounts() {
        use core::mem::MaybeUninit;

        use crate::entrypoint::deserialize;
        use crate::pubkey::SYSTEM_PROGRAM_ID;
        use crate::testing::{AccountSpec, InputBuffer};

        let free = AccountSpec {
            owner: SYSTEM_PROGRAM_ID,
            writable: true,
            ..AccountSpec::default()
        };
        let cases = [
            ("free", free.clone(), None),
            (
                "a signer",
                AccountSpec {
                    signer: true,
                    ..free.clone()
                },
                Some(ProgramError::InvalidSeeds),
            ),
            (
                "read-only",
                AccountSpec {
                    writable: false,
                    ..free.clone()
                },
                Some(ProgramError::Immutable),
            ),
            (
                "already created",
                AccountSpec {
                    data: vec![0; 8],
                    ..free.clone()
                },
                Some(ProgramError::AccountAlreadyInitialized),
            ),
        ];
        let seeds: [&[u8]; 1] = [b"s"];
        for (name, spec, want) in cases {
            let specs = [spec];
            let mut buffer = InputBuffer::new(&specs, &[0], b"", &[7; 32]);
            let mut slots = [const { MaybeUninit::<AccountInfo>::uninit() }; 1];
            // SAFETY: `buffer` is a well-formed input buffer that outlives `input`.
            let input = unsafe { deserialize(buffer.as_mut_ptr(), &mut slots) }.unwrap();
            let got = new_pda_with_bump(&input.accounts[0], &seeds, 254).map(|pda| pda.bump);
            match want {
                None => assert_eq!(got.ok(), Some(254), "{name}"),
                Some(want) => assert_eq!(got.err(), Some(want), "{name}"),
            }
        }
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
