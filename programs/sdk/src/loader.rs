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
pub fn names_authority(data: &[u8], authority: &Pubkey) -> bool {
    data.len() >= AUTHORITY + 32
        && data[..4] == PROGRAM_DATA_TAG
        && data[AUTHORITY_OPTION] == 1
        && &data[AUTHORITY..AUTHORITY + 32] == authority
}

/// `UpgradeableLoaderState::Buffer { authority_address: Option<Pubkey> }`: tag 1 (u32), the
/// option's tag and key (37 bytes whatever the option); the program bytes follow.
pub const BUFFER_HEADER: usize = 4 + 1 + 32;
const BUFFER_TAG: [u8; 4] = 1u32.to_le_bytes();
/// `UpgradeableLoaderState::Program { programdata_address: Pubkey }`: tag 2 (u32), the key.
const PROGRAM_TAG: [u8; 4] = 2u32.to_le_bytes();
/// The loader's `Upgrade` instruction data (its accounts: ProgramData, program, buffer, spill,
/// rent sysvar, clock sysvar, upgrade authority signing).
pub const UPGRADE: [u8; 4] = 3u32.to_le_bytes();

/// The ProgramData address named by `data`, a `Program` account's.
pub fn program_data_address(data: &[u8]) -> Option<&Pubkey> {
    match data {
        [t0, t1, t2, t3, key @ ..] if [*t0, *t1, *t2, *t3] == PROGRAM_TAG => {
            key.first_chunk::<32>()
        }
        _ => None,
    }
}

/// The program bytes of `data`, a buffer's, when it names `authority` as its authority.
pub fn buffer_code<'a>(data: &'a [u8], authority: &Pubkey) -> Option<&'a [u8]> {
    let names = data.len() >= BUFFER_HEADER
        && data[..4] == BUFFER_TAG
        && data[4] == 1
        && &data[5..BUFFER_HEADER] == authority;
    names.then(|| &data[BUFFER_HEADER..])
}

/// SHA-256 of `code` without its trailing zero bytes: `ionet verify`'s hash of a build, a buffer
/// or a ProgramData (whose spare room is zeros). The zeros are skipped a word at a time.
pub fn code_hash(code: &[u8]) -> [u8; 32] {
    let mut end = code.len();
    while let Some(word) = code[..end].last_chunk::<8>() {
        if u64::from_ne_bytes(*word) != 0 {
            break;
        }
        end -= 8;
    }
    while end > 0 && code[end - 1] == 0 {
        end -= 1;
    }
    crate::hash::sha256(&[crate::syscalls::Bytes::new(&code[..end])])
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

    #[test]
    fn reads_programs_and_buffers() {
        let pd = [7u8; 32];
        let mut program = 2u32.to_le_bytes().to_vec();
        program.extend_from_slice(&pd);
        assert_eq!(program_data_address(&program), Some(&pd));
        assert_eq!(program_data_address(&program[..35]), None, "too short");
        program[0] = 3;
        assert_eq!(
            program_data_address(&program),
            None,
            "not a Program account"
        );

        let me = [9u8; 32];
        let buffer = |tag: u32, option: u8, key: Pubkey| {
            let mut data = tag.to_le_bytes().to_vec();
            data.push(option);
            data.extend_from_slice(&key);
            data.extend_from_slice(b"ELF");
            data
        };
        assert_eq!(buffer_code(&buffer(1, 1, me), &me), Some(&b"ELF"[..]));
        let cases = [
            ("another authority", buffer(1, 1, [8; 32])),
            ("no authority", buffer(1, 0, me)),
            ("ProgramData, not a buffer", buffer(3, 1, me)),
            ("too short", buffer(1, 1, me)[..36].to_vec()),
        ];
        for (name, data) in cases {
            assert_eq!(buffer_code(&data, &me), None, "{name}");
        }
    }

    #[test]
    fn code_hash_ignores_trailing_zeros() {
        use crate::hash::Sha256;
        let code = b"\x7fELF\x00code\x00\x01";
        let want = Sha256::new().update(code).finalize();
        assert_eq!(code_hash(code), want);
        for zeros in [1, 7, 8, 9, 100] {
            let mut padded = code.to_vec();
            padded.resize(code.len() + zeros, 0);
            assert_eq!(code_hash(&padded), want, "{zeros} zeros");
        }
        assert_eq!(
            code_hash(&[0; 20]),
            Sha256::new().finalize(),
            "all zeros: the empty hash"
        );
    }
}
