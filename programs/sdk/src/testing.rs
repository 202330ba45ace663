//! Host-test helper: builds input buffers exactly as Agave's aligned serialization does.

use crate::account::{HEADER_LEN, MAX_PERMITTED_DATA_INCREASE};
use crate::pubkey::Pubkey;

#[derive(Clone, Default)]
pub struct AccountSpec {
    pub key: Pubkey,
    pub owner: Pubkey,
    pub lamports: u64,
    pub data: Vec<u8>,
    pub signer: bool,
    pub writable: bool,
    pub executable: bool,
}

impl AccountSpec {
    pub fn with_data(data: Vec<u8>) -> Self {
        Self {
            data,
            writable: true,
            ..Self::default()
        }
    }
}

/// A serialized input, 8-byte aligned like the VM's input region.
pub struct InputBuffer {
    words: Vec<u64>,
    /// Byte offset of each account's header, by position in the instruction.
    offsets: Vec<usize>,
}

impl InputBuffer {
    /// `order` lists, per instruction account, the index into `specs`; a repeated index is
    /// serialized as a duplicate of its first position, as the runtime does.
    pub fn new(specs: &[AccountSpec], order: &[usize], data: &[u8], program_id: &Pubkey) -> Self {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&(order.len() as u64).to_le_bytes());
        let mut first_position = vec![None; specs.len()];
        let mut offsets = Vec::new();
        for (position, &index) in order.iter().enumerate() {
            if let Some(first) = first_position[index] {
                offsets.push(offsets[first]);
                bytes.push(first as u8);
                bytes.extend_from_slice(&[0; 7]);
                continue;
            }
            first_position[index] = Some(position);
            offsets.push(bytes.len());
            let spec = &specs[index];
            bytes.extend_from_slice(&[
                0xFF,
                spec.signer as u8,
                spec.writable as u8,
                spec.executable as u8,
            ]);
            bytes.extend_from_slice(&[0; 4]);
            bytes.extend_from_slice(&spec.key);
            bytes.extend_from_slice(&spec.owner);
            bytes.extend_from_slice(&spec.lamports.to_le_bytes());
            bytes.extend_from_slice(&(spec.data.len() as u64).to_le_bytes());
            bytes.extend_from_slice(&spec.data);
            bytes.resize(bytes.len() + MAX_PERMITTED_DATA_INCREASE, 0);
            bytes.resize(bytes.len().next_multiple_of(8), 0);
            bytes.extend_from_slice(&u64::MAX.to_le_bytes()); // rent epoch
        }
        bytes.extend_from_slice(&(data.len() as u64).to_le_bytes());
        bytes.extend_from_slice(data);
        bytes.extend_from_slice(program_id);
        bytes.resize(bytes.len().next_multiple_of(8), 0);
        let words = bytes
            .chunks(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect();
        Self { words, offsets }
    }

    pub fn as_mut_ptr(&mut self) -> *mut u8 {
        self.words.as_mut_ptr() as *mut u8
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: reinterpreting initialised u64s as bytes.
        unsafe {
            core::slice::from_raw_parts(self.words.as_ptr() as *const u8, self.words.len() * 8)
        }
    }

    /// The serialized lamports of the account at instruction position `position`.
    pub fn lamports_of(&self, position: usize) -> u64 {
        let at = self.offsets[position] + 72;
        u64::from_le_bytes(self.bytes()[at..at + 8].try_into().unwrap())
    }

    /// The serialized data of the account at instruction position `position`.
    pub fn data_of(&self, position: usize) -> &[u8] {
        let at = self.offsets[position];
        let len = u64::from_le_bytes(self.bytes()[at + 80..at + 88].try_into().unwrap()) as usize;
        &self.bytes()[at + HEADER_LEN..at + HEADER_LEN + len]
    }
}
