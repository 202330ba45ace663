//! Creating a program account at a PDA that may already hold lamports. The System program's
//! `CreateAccount` refuses an address with any balance, and a heartbeat receipt's address is known
//! in advance, so anyone could block a device's heartbeat by sending lamports there first. Here
//! such an address is topped up to rent exemption, then `Allocate`d and `Assign`ed, the PDA
//! signing. (A candidate for the SDK's `NewPda`, which every program's creations would gain.)

use ionet_sdk::account::RefMut;
use ionet_sdk::cpi::{invoke_signed, AccountMeta, Instruction, Seed, Signer};
use ionet_sdk::pda::{find_program_address, NewPda, MAX_NEW_PDA_SEEDS};
use ionet_sdk::pubkey::SYSTEM_PROGRAM_ID;
use ionet_sdk::state::Layout;
use ionet_sdk::sysvar::Rent;
use ionet_sdk::system::Transfer;
use ionet_sdk::{log, AccountInfo, ProgramError, Pubkey};

/// Checks that `account` is the writable PDA of `seeds` (at most [`MAX_NEW_PDA_SEEDS`]) under
/// `program_id` and still free to create: no data and, if it holds lamports, owned by the System
/// program. `InvalidSeeds` for another address, `AccountAlreadyInitialized` for a taken one.
pub fn free_pda<'a>(account: &'a AccountInfo, seeds: &'a [&'a [u8]], program_id: &Pubkey) -> Result<NewPda<'a>, ProgramError> {
    if seeds.len() > MAX_NEW_PDA_SEEDS {
        return Err(ProgramError::MaxSeedLengthExceeded);
    }
    let (address, bump) = find_program_address(seeds, program_id)?;
    if &address != account.key() {
        log::log_pubkey(account.key());
        return Err(ProgramError::InvalidSeeds);
    }
    account.check_writable()?;
    if !account.data_is_empty() || (account.lamports() > 0 && !account.is_owned_by(&SYSTEM_PROGRAM_ID)) {
        log::log_pubkey(account.key());
        return Err(ProgramError::AccountAlreadyInitialized);
    }
    Ok(NewPda { account, seeds, bump })
}

/// Creates the free PDA `pda` as a `T` owned by `program_id` and borrows it; `payer` pays what
/// rent exemption still needs (all of it when the address holds nothing).
pub fn init_prefunded<'a, T: Layout>(pda: &NewPda<'a>, payer: &AccountInfo, program_id: &Pubkey) -> Result<RefMut<'a, T>, ProgramError> {
    let account = pda.account;
    if account.lamports() == 0 {
        return pda.init::<T>(payer, program_id);
    }
    let rent = Rent::get()?.minimum_balance(T::LEN as u64).ok_or(ProgramError::ArithmeticOverflow)?;
    let shortfall = rent.saturating_sub(account.lamports());
    if shortfall > 0 {
        Transfer { from: payer, to: account, lamports: shortfall }.invoke()?;
    }
    let bump_seed = [pda.bump];
    let mut signer_seeds = [Seed::new(&bump_seed); MAX_NEW_PDA_SEEDS + 1];
    for (slot, seed) in signer_seeds.iter_mut().zip(pda.seeds) {
        *slot = Seed::new(seed);
    }
    // `free_pda` admitted at most MAX_NEW_PDA_SEEDS seeds; the bump follows them.
    let signer = Signer::from(&signer_seeds[..=pda.seeds.len()]);
    system_call(account, &allocate_data(T::LEN as u64), &signer)?;
    system_call(account, &assign_data(program_id), &signer)?;
    T::init(account, program_id)
}

/// A System instruction whose only account is `account`, a writable signer (the PDA).
fn system_call(account: &AccountInfo, data: &[u8], signer: &Signer) -> Result<(), ProgramError> {
    let metas = [AccountMeta::writable_signer(account.key())];
    let instruction = Instruction { program_id: &SYSTEM_PROGRAM_ID, accounts: &metas, data };
    invoke_signed(&instruction, &[account], core::slice::from_ref(signer))
}

/// `SystemInstruction::Allocate { space }` (variant 8, u32) as bincode encodes it.
fn allocate_data(space: u64) -> [u8; 12] {
    let mut data = [0u8; 12];
    data[0] = 8;
    data[4..].copy_from_slice(&space.to_le_bytes());
    data
}

/// `SystemInstruction::Assign { owner }` (variant 1, u32) as bincode encodes it.
fn assign_data(owner: &Pubkey) -> [u8; 36] {
    let mut data = [0u8; 36];
    data[0] = 1;
    data[4..].copy_from_slice(owner);
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    // Golden bytes: bincode of solana-program's SystemInstruction::Allocate / Assign.
    #[test]
    fn encodes_like_bincode() {
        assert_eq!(allocate_data(112), [8, 0, 0, 0, 112, 0, 0, 0, 0, 0, 0, 0]);
        let assign = assign_data(&[7; 32]);
        assert_eq!(&assign[..4], &[1, 0, 0, 0]);
        assert_eq!(&assign[4..], &[7; 32]);
    }
}
