//! System program CPIs.

use crate::account::AccountInfo;
use crate::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
use crate::error::ProgramResult;
use crate::pubkey::{Pubkey, SYSTEM_PROGRAM_ID};

/// Creates `to` with `lamports`, `space` bytes of zeroed data, owned by `owner`. `from` pays and
/// signs; `to` signs too (a keypair, or a PDA through `signers`).
pub struct CreateAccount<'a> {
    pub from: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub lamports: u64,
    pub space: u64,
    pub owner: &'a Pubkey,
}

impl CreateAccount<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable_signer(self.from.key()),
            AccountMeta::writable_signer(self.to.key()),
        ];
        let data = create_account_data(self.lamports, self.space, self.owner);
        let instruction = Instruction {
            program_id: &SYSTEM_PROGRAM_ID,
            accounts: &metas,
            data: &data,
        };
        invoke_signed(&instruction, &[self.from, self.to], signers)
    }
}

/// Moves `lamports` from `from` (a System-owned signer) to `to`.
pub struct Transfer<'a> {
    pub from: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub lamports: u64,
}

impl Transfer<'_> {
    pub fn invoke(&self) -> ProgramResult {
        self.invoke_signed(&[])
    }

    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable_signer(self.from.key()),
            AccountMeta::writable(self.to.key()),
        ];
        let data = transfer_data(self.lamports);
        let instruction = Instruction {
            program_id: &SYSTEM_PROGRAM_ID,
            accounts: &metas,
            data: &data,
        };
        invoke_signed(&instruction, &[self.from, self.to], signers)
    }
}

/// Gives the System-owned, data-less `account` `space` zeroed bytes. `account` signs (a keypair,
/// or a PDA through `signers`).
pub struct Allocate<'a> {
    pub account: &'a AccountInfo,
    pub space: u64,
}

impl Allocate<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        invoke_alone(self.account, &allocate_data(self.space), signers)
    }
}

/// Makes `owner` the owner of the System-owned `account`, which signs (a keypair, or a PDA
/// through `signers`).
pub struct Assign<'a> {
    pub account: &'a AccountInfo,
    pub owner: &'a Pubkey,
}

impl Assign<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        invoke_alone(self.account, &assign_data(self.owner), signers)
    }
}

/// A System instruction whose only account is `account`, a writable signer.
fn invoke_alone(account: &AccountInfo, data: &[u8], signers: &[Signer]) -> ProgramResult {
    let metas = [AccountMeta::writable_signer(account.key())];
    let instruction = Instruction {
        program_id: &SYSTEM_PROGRAM_ID,
        accounts: &metas,
        data,
    };
    invoke_signed(&instruction, &[account], signers)
}

/// Creates `to`, the seeded address of `seed` under `base` for `owner`, with `lamports`, `space`
/// bytes of zeroed data, owned by `owner`. `from` pays and signs; `base` signs (a signer of the
/// transaction, or a PDA through `signers`); the System program checks the address.
pub struct CreateAccountWithSeed<'a> {
    pub from: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub base: &'a AccountInfo,
    pub seed: &'a [u8],
    pub lamports: u64,
    pub space: u64,
    pub owner: &'a Pubkey,
}

impl CreateAccountWithSeed<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let metas = [
            AccountMeta::writable_signer(self.from.key()),
            AccountMeta::writable(self.to.key()),
            AccountMeta::readonly_signer(self.base.key()),
        ];
        let mut data = [0u8; WITH_SEED_DATA_LEN];
        let mut at = with_seed_prefix(&mut data, 3, self.base.key(), self.seed);
        at = put(&mut data, at, &self.lamports.to_le_bytes());
        at = put(&mut data, at, &self.space.to_le_bytes());
        at = put(&mut data, at, self.owner);
        let instruction = Instruction {
            program_id: &SYSTEM_PROGRAM_ID,
            accounts: &metas,
            data: &data[..at],
        };
        invoke_signed(&instruction, &[self.from, self.to, self.base], signers)
    }
}

/// Gives the System-owned, data-less `account` (the seeded address of `seed` under `base` for
/// `owner`) `space` zeroed bytes and `owner` as its owner-to-be. `base` signs.
pub struct AllocateWithSeed<'a> {
    pub account: &'a AccountInfo,
    pub base: &'a AccountInfo,
    pub seed: &'a [u8],
    pub space: u64,
    pub owner: &'a Pubkey,
}

impl AllocateWithSeed<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let mut data = [0u8; WITH_SEED_DATA_LEN];
        let mut at = with_seed_prefix(&mut data, 9, self.base.key(), self.seed);
        at = put(&mut data, at, &self.space.to_le_bytes());
        at = put(&mut data, at, self.owner);
        invoke_with_base(self.account, self.base, &data[..at], signers)
    }
}

/// Makes `owner` the owner of the System-owned `account` (the seeded address of `seed` under
/// `base` for `owner`). `base` signs.
pub struct AssignWithSeed<'a> {
    pub account: &'a AccountInfo,
    pub base: &'a AccountInfo,
    pub seed: &'a [u8],
    pub owner: &'a Pubkey,
}

impl AssignWithSeed<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let mut data = [0u8; WITH_SEED_DATA_LEN];
        let mut at = with_seed_prefix(&mut data, 10, self.base.key(), self.seed);
        at = put(&mut data, at, self.owner);
        invoke_with_base(self.account, self.base, &data[..at], signers)
    }
}

/// A System instruction on the writable `account` that `base` signs for.
// Inlined: six argument registers with the result's pointer, one more than SBPF passes (a
// caller signing through a PDA's seeds keeps `signers` from being folded away).
#[inline(always)]
fn invoke_with_base(
    account: &AccountInfo,
    base: &AccountInfo,
    data: &[u8],
    signers: &[Signer],
) -> ProgramResult {
    let metas = [
        AccountMeta::writable(account.key()),
        AccountMeta::readonly_signer(base.key()),
    ];
    let instruction = Instruction {
        program_id: &SYSTEM_PROGRAM_ID,
        accounts: &metas,
        data,
    };
    invoke_signed(&instruction, &[account, base], signers)
}

/// The longest `*WithSeed` instruction: `CreateAccountWithSeed` with a 32-byte seed.
const WITH_SEED_DATA_LEN: usize = 4 + 32 + 8 + 32 + 8 + 8 + 32;

/// Writes a `*WithSeed` instruction's variant (u32), base and seed (bincode's string: a u64
/// length, then the bytes); returns where the next field goes. `seed` is at most 32 bytes
/// (`seeded::new_seeded` checked it).
fn with_seed_prefix(
    data: &mut [u8; WITH_SEED_DATA_LEN],
    variant: u8,
    base: &Pubkey,
    seed: &[u8],
) -> usize {
    data[0] = variant;
    let seed = &seed[..seed.len().min(32)];
    let at = put(data, 4, base);
    let at = put(data, at, &(seed.len() as u64).to_le_bytes());
    put(data, at, seed)
}

fn put(data: &mut [u8], at: usize, bytes: &[u8]) -> usize {
    data[at..at + bytes.len()].copy_from_slice(bytes);
    at + bytes.len()
}

/// `SystemInstruction::CreateAccount` (variant 0, u32) as bincode encodes it.
fn create_account_data(lamports: u64, space: u64, owner: &Pubkey) -> [u8; 52] {
    let mut data = [0u8; 52];
    data[4..12].copy_from_slice(&lamports.to_le_bytes());
    data[12..20].copy_from_slice(&space.to_le_bytes());
    data[20..52].copy_from_slice(owner);
    data
}

/// `SystemInstruction::Transfer` (variant 2, u32) as bincode encodes it.
fn transfer_data(lamports: u64) -> [u8; 12] {
    let mut data = [0u8; 12];
    data[0] = 2;
    data[4..12].copy_from_slice(&lamports.to_le_bytes());
    data
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

    // Golden bytes: bincode of solana-program's SystemInstruction (u32 variant index, then fields).
    #[test]
    fn encodes_like_bincode() {
        let data = create_account_data(0x0102, 165, &[7; 32]);
        assert_eq!(
            &data[..20],
            &[0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 165, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(&data[20..], &[7; 32]);
        assert_eq!(
            transfer_data(1_000_000_000),
            [2, 0, 0, 0, 0, 0xCA, 0x9A, 0x3B, 0, 0, 0, 0]
        );
        assert_eq!(allocate_data(112), [8, 0, 0, 0, 112, 0, 0, 0, 0, 0, 0, 0]);
        let assign = assign_data(&[7; 32]);
        assert_eq!(&assign[..4], &[1, 0, 0, 0]);
        assert_eq!(&assign[4..], &[7; 32]);
    }

    #[test]
    fn encodes_with_seed_like_bincode() {
        let mut data = [0u8; WITH_SEED_DATA_LEN];
        let at = with_seed_prefix(&mut data, 3, &[7; 32], b"ab");
        assert_eq!(at, 4 + 32 + 8 + 2);
        assert_eq!(&data[..4], &[3, 0, 0, 0]);
        assert_eq!(&data[4..36], &[7; 32]);
        assert_eq!(&data[36..46], &[2, 0, 0, 0, 0, 0, 0, 0, b'a', b'b']);
    }
}
