//! The BPF Loader Upgradeable's ProgramData account: who may upgrade a program. The programs'
//! `initialize` instructions accept only that key, so nobody can take over a fresh deployment by
//! initialising it first.

use crate::account::AccountInfo;
use crate::error::{fail, ErrorCode, ProgramResult};
use crate::log;
use crate::pda::find_program_address;
use crate::pubkey::{from_base58, Pubkey};

/// The BPF Loader Upgradeable, owner of every upgradeable program's ProgramData account.
pub const BPF_LOADER_UPGRADEABLE_ID: Pubkey =
    from_base58("BPFLoaderUpgradeab1e11111111111111111111111");

/// `UpgradeableLoaderState::ProgramData { slot: u64, upgrade_authority_address: Option<Pubkey> }`:
/// tag 3 (u32), the slot, then the option's tag and key.
const PROGRAM_DATA_TAG: [u8; 4] = 3u32.to_le_bytes();
const AUTHORITY_OPTION: usize = 4 + 8;
const AUTHORITY: usize = AUTHORITY_OPTION + 1;

/// Checks that `program_data` is `program_id`'s ProgramData account (the loader's PDA
/// `[program_id]`, owned by the loader) and names `signer` as upgrade authority; otherwise logs
/// the account and returns the program's `error` (its `NotUpgradeAuthority`). A program whose
/// upgrade authority was removed (immutable) can no longer be initialised. Costs a bump search:
/// meant for `initialize` only. The caller checks that `signer` signed.
pub fn check_upgrade_authority<E: ErrorCode>(
    program_data: &AccountInfo,
    signer: &Pubkey,
    program_id: &Pubkey,
    error: E,
) -> ProgramResult {
    let (expected, _) = find_program_address(&[program_id], &BPF_LOADER_UPGRADEABLE_ID)?;
    let is_authority = program_data.key() == &expected
        && program_data.is_owned_by(&BPF_LOADER_UPGRADEABLE_ID)
        && names_authority(&program_data.try_borrow_data()?, signer);
    if !is_authority {
        log::log_pubkey(program_data.key());
        return Err(fail(error));
    }
    Ok(())
}

/// Whether `data`, a ProgramData account's, names `authority` as its upgrade authority.
fn names_authority(data: &[u8], authority: &Pubkey) -> bool {
    data.len() >= AUTHORITY + 32
        && data[..4] == PROGRAM_DATA_TAG
        && data[AUTHORITY_OPTION] == 1
        && &data[AUTHORITY..AUTHORITY + 32] == authority
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program_data(tag: u32, option: u8, key: Pubkey) -> Vec<u8> {
        let mut data = Vec::new();
        data.extend_from_slice(&tag.to_le_bytes());
        data.extend_from_slice(&42u64.to_le_bytes());
        data.push(option);
        data.extend_from_slice(&key);
        data.extend_from_slice(&[0xAA; 16]); // the program's bytes follow
        data
    }

    #[test]
    fn reads_the_upgrade_authority() {
        let me = [9u8; 32];
        assert!(names_authority(&program_data(3, 1, me), &me));
        let cases = [
            ("another authority", program_data(3, 1, [8; 32])),
            ("no authority (immutable)", program_data(3, 0, me)),
            ("a Program account, not ProgramData", program_data(2, 1, me)),
            ("too short", program_data(3, 1, me)[..40].to_vec()),
        ];
        for (name, data) in cases {
            assert!(!names_authority(&data, &me), "{name}");
        }
    }
}
