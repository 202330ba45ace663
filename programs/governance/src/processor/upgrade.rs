//! Upgrades under governance: a proposal action that replaces a program's code with a written
//! buffer's, by the BPF Loader Upgradeable's `Upgrade` signed by the governance PDA (the program's
//! upgrade authority once handed over: `ionet deploy --hand-over-upgrades`).
//!
//! Stored form, which fits an `Action`: program_id the loader; accounts, each distinct, all
//! writable, none signing: the program's ProgramData, the program, the buffer, the spill (it
//! receives the buffer's lamports); data, 36 bytes: the loader's `Upgrade` tag (3, u32 LE) then
//! the SHA-256 of the buffer's program bytes without trailing zeros (what `ionet verify --buffer`
//! and `ionet gov show` print). The loader's other three accounts are fixed: `execute` is passed
//! the rent and clock sysvars after the four, and the governance PDA signs.
//!
//! At creation (`check`), with the ProgramData, program and buffer passed after the fixed
//! accounts: the program is upgradeable with that ProgramData, the governance PDA is its upgrade
//! authority and the buffer's authority, and the buffer's hash is the action's. At execution
//! (`run`), after the timelock, the buffer's authority and hash and the program's authority are
//! checked again before the CPI: a buffer cannot change while the governance PDA holds it, but one
//! spent by another upgrade is closed, and its address may hold a new buffer by then.

use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction};
use ionet_sdk::error::fail;
use ionet_sdk::loader::{self, BPF_LOADER_UPGRADEABLE_ID, UPGRADE};
use ionet_sdk::sysvar::{CLOCK_ID, RENT_ID};
use ionet_sdk::{log, AccountInfo, ProgramError, ProgramResult, Pubkey};

use super::shared::as_governance;
use crate::error::GovernanceError;
use crate::instruction::ActionArgs;
use crate::state::{Action, ActionAccount};

/// Whether an action is an upgrade (aimed at the loader: no other loader instruction is allowed).
pub fn is_upgrade(program_id: &Pubkey) -> bool {
    program_id == &BPF_LOADER_UPGRADEABLE_ID
}

/// An upgrade action's parts, its shape checked.
struct Upgrade<'a> {
    program_data: &'a Pubkey,
    program: &'a Pubkey,
    buffer: &'a Pubkey,
    spill: &'a Pubkey,
    hash: &'a [u8; 32],
}

impl<'a> Upgrade<'a> {
    /// Not inlined (nor are the checks below): `check` and `run` share them.
    #[inline(never)]
    fn parse(accounts: &'a [ActionAccount], data: &'a [u8]) -> Result<Self, ProgramError> {
        let ([pd, program, buffer, spill], Some((tag, hash))) =
            (accounts, data.split_first_chunk::<4>())
        else {
            return Err(fail(GovernanceError::UpgradeActionMalformed));
        };
        let keys = [&pd.pubkey, &program.pubkey, &buffer.pubkey, &spill.pubkey];
        let distinct = (0..4).all(|i| (i + 1..4).all(|j| keys[i] != keys[j]));
        let flags = [pd, program, buffer, spill]
            .iter()
            .all(|a| a.is_writable == 1 && a.is_signer == 0);
        match hash.first_chunk::<32>() {
            Some(hash) if *tag == UPGRADE && data.len() == 4 + 32 && distinct && flags => {
                Ok(Self {
                    program_data: keys[0],
                    program: keys[1],
                    buffer: keys[2],
                    spill: keys[3],
                    hash,
                })
            }
            _ => Err(fail(GovernanceError::UpgradeActionMalformed)),
        }
    }
}

/// `create_proposal`'s check of an upgrade action; `targets` starts with its ProgramData, program
/// and buffer. Returns the targets after them.
#[inline(never)]
pub fn check<'t>(
    action: &ActionArgs,
    targets: &'t [AccountInfo],
    governance: &Pubkey,
) -> Result<&'t [AccountInfo], ProgramError> {
    let up = Upgrade::parse(action.accounts, action.data)?;
    let [program_data, program, buffer, rest @ ..] = targets else {
        return Err(fail(GovernanceError::WrongActionProgram));
    };
    for (account, key) in [
        (program_data, up.program_data),
        (program, up.program),
        (buffer, up.buffer),
    ] {
        if account.key() != key {
            log::log_pubkey(account.key());
            return Err(fail(GovernanceError::WrongActionProgram));
        }
    }
    check_program(program_data, program, governance)?;
    check_buffer(buffer, governance, up.hash)?;
    Ok(rest)
}

/// `program` is an upgradeable program whose ProgramData is `program_data`, naming `governance`
/// as its upgrade authority.
#[inline(never)]
fn check_program(
    program_data: &AccountInfo,
    program: &AccountInfo,
    governance: &Pubkey,
) -> ProgramResult {
    let upgradeable = program.is_owned_by(&BPF_LOADER_UPGRADEABLE_ID)
        && loader::program_data_address(&program.try_borrow_data()?) == Some(program_data.key());
    if !upgradeable {
        log::log_pubkey(program.key());
        return Err(fail(GovernanceError::UpgradeWrongProgramData));
    }
    let governed = program_data.is_owned_by(&BPF_LOADER_UPGRADEABLE_ID)
        && loader::names_authority(&program_data.try_borrow_data()?, governance);
    if !governed {
        log::log_pubkey(program_data.key());
        return Err(fail(GovernanceError::ProgramNotGoverned));
    }
    Ok(())
}

/// `buffer` is a loader buffer held by `governance` whose code hashes to `hash`.
#[inline(never)]
fn check_buffer(buffer: &AccountInfo, governance: &Pubkey, hash: &[u8; 32]) -> ProgramResult {
    if !buffer.is_owned_by(&BPF_LOADER_UPGRADEABLE_ID) {
        log::log_pubkey(buffer.key());
        return Err(fail(GovernanceError::BufferNotGoverned));
    }
    let data = buffer.try_borrow_data()?;
    let Some(code) = loader::buffer_code(&data, governance) else {
        log::log_pubkey(buffer.key());
        return Err(fail(GovernanceError::BufferNotGoverned));
    };
    if &loader::code_hash(code) != hash {
        log::log_pubkey(buffer.key());
        return Err(fail(GovernanceError::UpgradeHashMismatch));
    }
    Ok(())
}

/// The governance PDA as the signer of executed actions.
pub struct Governor<'a> {
    pub account: &'a AccountInfo,
    pub bump: u8,
}

/// `execute`'s run of an upgrade action: `accounts` starts with the loader, the action's four
/// accounts, then the rent and clock sysvars. Checks them, the buffer's hash and both
/// authorities, and has the loader upgrade, signed by the governance PDA. Returns the accounts
/// after them.
#[inline(never)]
pub fn run<'a>(
    action: &Action,
    accounts: &'a [AccountInfo],
    governor: &Governor,
) -> Result<&'a [AccountInfo], ProgramError> {
    let stored = &action.accounts[..(action.account_count as usize).min(action.accounts.len())];
    let data = &action.data[..(action.data_len as usize).min(action.data.len())];
    let up = Upgrade::parse(stored, data)?;
    let [loader_program, program_data, program, buffer, spill, rent, clock, rest @ ..] = accounts
    else {
        return Err(fail(GovernanceError::ActionAccountMismatch));
    };
    let expected = [
        (loader_program, &BPF_LOADER_UPGRADEABLE_ID),
        (program_data, up.program_data),
        (program, up.program),
        (buffer, up.buffer),
        (spill, up.spill),
        (rent, &RENT_ID),
        (clock, &CLOCK_ID),
    ];
    for (account, key) in expected {
        if account.key() != key {
            log::log_pubkey(account.key());
            return Err(fail(GovernanceError::ActionAccountMismatch));
        }
    }
    let governance = governor.account;
    check_program(program_data, program, governance.key())?;
    check_buffer(buffer, governance.key(), up.hash)?;
    let metas = [
        AccountMeta::writable(program_data.key()),
        AccountMeta::writable(program.key()),
        AccountMeta::writable(buffer.key()),
        AccountMeta::writable(spill.key()),
        AccountMeta::readonly(rent.key()),
        AccountMeta::readonly(clock.key()),
        AccountMeta::readonly_signer(governance.key()),
    ];
    let instruction = Instruction {
        program_id: &BPF_LOADER_UPGRADEABLE_ID,
        accounts: &metas,
        data: &UPGRADE,
    };
    let infos = [
        loader_program,
        program_data,
        program,
        buffer,
        spill,
        rent,
        clock,
        governance,
    ];
    as_governance(governor.bump, |signers| {
        invoke_signed(&instruction, &infos, signers)
    })?;
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(key: u8, signer: u8, writable: u8) -> ActionAccount {
        ActionAccount {
            pubkey: [key; 32],
            is_signer: signer,
            is_writable: writable,
        }
    }

    fn data(tag: u32, hash_len: usize) -> Vec<u8> {
        let mut d = tag.to_le_bytes().to_vec();
        d.resize(4 + hash_len, 7);
        d
    }

    #[test]
    fn parses_the_upgrade_shape() {
        let good = [meta(1, 0, 1), meta(2, 0, 1), meta(3, 0, 1), meta(4, 0, 1)];
        let upgrade = data(3, 32);
        let up = Upgrade::parse(&good, &upgrade).map_err(|_| ()).unwrap();
        assert_eq!(
            (up.program_data, up.program, up.buffer, up.spill, up.hash),
            (&[1; 32], &[2; 32], &[3; 32], &[4; 32], &[7; 32])
        );
        let malformed = Err(ProgramError::Custom(
            GovernanceError::UpgradeActionMalformed as u32,
        ));
        let cases: [(&str, Vec<ActionAccount>, Vec<u8>); 8] = [
            ("another loader instruction", good.to_vec(), data(4, 32)),
            ("short hash", good.to_vec(), data(3, 31)),
            ("trailing byte", good.to_vec(), data(3, 33)),
            ("three accounts", good[..3].to_vec(), data(3, 32)),
            (
                "spill is the buffer",
                vec![meta(1, 0, 1), meta(2, 0, 1), meta(3, 0, 1), meta(3, 0, 1)],
                data(3, 32),
            ),
            (
                "program is its ProgramData",
                vec![meta(1, 0, 1), meta(1, 0, 1), meta(3, 0, 1), meta(4, 0, 1)],
                data(3, 32),
            ),
            (
                "read-only buffer",
                vec![meta(1, 0, 1), meta(2, 0, 1), meta(3, 0, 0), meta(4, 0, 1)],
                data(3, 32),
            ),
            (
                "a signer",
                vec![meta(1, 0, 1), meta(2, 1, 1), meta(3, 0, 1), meta(4, 0, 1)],
                data(3, 32),
            ),
        ];
        for (name, accounts, data) in cases {
            assert_eq!(
                Upgrade::parse(&accounts, &data).map(|_| ()),
                malformed,
                "{name}"
            );
        }
    }
}
