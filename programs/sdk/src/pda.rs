//! Program-derived addresses. Programs store the bump of each PDA they create and verify it with
//! the cheap [`create_program_address`] (one hash); [`find_program_address`] searches bumps and is
//! meant for initialisation only.

use crate::account::AccountInfo;
use crate::check::reject;
use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::Pubkey;
use crate::syscalls::{self, Bytes};

/// At most this many seeds, bump included.
pub const MAX_SEEDS: usize = 16;
/// Each seed is at most this many bytes.
pub const MAX_SEED_LEN: usize = 32;

/// Converts `seeds` (plus an optional bump) into the runtime's (address, length) entries.
fn seed_entries<'a>(
    seeds: &[&'a [u8]],
    bump: Option<&'a [u8; 1]>,
) -> Result<([Bytes<'a>; MAX_SEEDS], usize), ProgramError> {
    let count = seeds.len() + bump.is_some() as usize;
    if count > MAX_SEEDS {
        crate::log::log("too many PDA seeds: at most 16, bump included");
        return Err(ProgramError::MaxSeedLengthExceeded);
    }
    let mut entries = [Bytes::new(&[]); MAX_SEEDS];
    for (entry, seed) in entries.iter_mut().zip(seeds) {
        if seed.len() > MAX_SEED_LEN {
            crate::log::log("PDA seed longer than 32 bytes: hash long seeds first");
            return Err(ProgramError::MaxSeedLengthExceeded);
        }
        *entry = Bytes::new(seed);
    }
    if let Some(bump) = bump {
        entries[seeds.len()] = Bytes::new(bump);
    }
    Ok((entries, count))
}

/// The address derived from `seeds` (bump included) and `program_id`; `InvalidSeeds` when the
/// seeds give a point on the curve (such an address could have a private key).
pub fn create_program_address(
    seeds: &[&[u8]],
    program_id: &Pubkey,
) -> Result<Pubkey, ProgramError> {
    let (entries, count) = seed_entries(seeds, None)?;
    derive(&entries[..count], program_id)
}

fn derive(entries: &[Bytes], program_id: &Pubkey) -> Result<Pubkey, ProgramError> {
    let mut address = [0u8; 32];
    // SAFETY: `entries` is a live slice of seed entries, `program_id` and `address` hold 32 bytes.
    let status = unsafe {
        syscalls::sol_create_program_address(
            entries.as_ptr(),
            entries.len() as u64,
            program_id.as_ptr(),
            address.as_mut_ptr(),
        )
    };
    if status != 0 {
        return Err(ProgramError::InvalidSeeds);
    }
    Ok(address)
}

/// Searches bumps 255 down to 0 for the first off-curve address: `(address, bump)`.
/// Costs up to 1500 compute units per bump tried; store the bump and use [`check_pda`] later.
pub fn find_program_address(
    seeds: &[&[u8]],
    program_id: &Pubkey,
) -> Result<(Pubkey, u8), ProgramError> {
    let (entries, count) = seed_entries(seeds, None)?;
    let mut address = [0u8; 32];
    let mut bump = 0u8;
    // SAFETY: as in `derive`, plus `bump` is a writable byte.
    let status = unsafe {
        syscalls::sol_try_find_program_address(
            entries[..count].as_ptr(),
            count as u64,
            program_id.as_ptr(),
            address.as_mut_ptr(),
            &mut bump,
        )
    };
    if status != 0 {
        return Err(ProgramError::InvalidSeeds);
    }
    Ok((address, bump))
}

/// Checks that `account` is the PDA of `seeds` + `[bump]` under `program_id`.
pub fn check_pda(
    account: &AccountInfo,
    seeds: &[&[u8]],
    bump: u8,
    program_id: &Pubkey,
) -> ProgramResult {
    let bump = [bump];
    let (entries, count) = seed_entries(seeds, Some(&bump))?;
    match derive(&entries[..count], program_id) {
        Ok(address) if &address == account.key() => Ok(()),
        _ => Err(reject(
            account,
            "account is not the expected program-derived address",
            ProgramError::InvalidSeeds,
        )),
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
        assert!(seed_entries(&many[..15], Some(&[1])).is_ok());
        assert!(seed_entries(&many[..16], Some(&[1])).is_err());
    }
}
