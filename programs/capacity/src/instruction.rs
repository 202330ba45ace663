//! Instruction discriminators and argument decoding (Borsh, as the IDL declares the args).

use ionet_sdk::args::Args;
use ionet_sdk::discriminator::instruction_tag;
use ionet_sdk::error::fail;
use ionet_sdk::ProgramError;

use crate::error::CapacityError;
use crate::pow::log2;
use crate::state::{
    entry_bytes, CapacityConfig, ClassParams, MAX_DEADLINE_SLOTS, MAX_GPU_CLASSES,
    MAX_INTERVAL_SLOTS, MAX_K, MAX_N, MAX_PROOF_BYTES, MAX_VALIDITY_EPOCHS, MIN_DEADLINE_SLOTS,
    MIN_K, MIN_N, MIN_VALIDITY_EPOCHS,
};

pub const INITIALIZE: u64 = instruction_tag("initialize");
pub const UPDATE_PARAMS: u64 = instruction_tag("update_params");
pub const REQUEST_CHALLENGE: u64 = instruction_tag("request_challenge");
pub const COMMIT: u64 = instruction_tag("commit");
pub const PROVE: u64 = instruction_tag("prove");
pub const EXPIRE: u64 = instruction_tag("expire");
pub const SLASH_FAULT: u64 = instruction_tag("slash_fault");
pub const CHECK_PARAMS: u64 = instruction_tag("check_params");
pub const SET_AUTHORITY: u64 = instruction_tag("set_authority");

/// The settable parameters (`initialize`, `update_params`), IDL type `CapacityParams`.
pub struct Params {
    pub validity_epochs: u64,
    pub interval_slots: u64,
    pub classes: [ClassParams; MAX_GPU_CLASSES],
}

impl Params {
    pub fn parse(data: &[u8]) -> Result<Self, ProgramError> {
        let mut args = Args::new(data);
        let validity_epochs = args.u64()?;
        let interval_slots = args.u64()?;
        let mut classes = [ClassParams::default(); MAX_GPU_CLASSES];
        for class in classes.iter_mut() {
            class.n = args.u64()?;
            class.k = args.u64()?;
            class.deadline_slots = args.u64()?;
        }
        args.finish()?;
        let valid = (MIN_VALIDITY_EPOCHS..=MAX_VALIDITY_EPOCHS).contains(&validity_epochs)
            && interval_slots <= MAX_INTERVAL_SLOTS
            && classes.iter().all(valid_class);
        if !valid {
            return Err(fail(CapacityError::InvalidParams));
        }
        Ok(Params {
            validity_epochs,
            interval_slots,
            classes,
        })
    }

    pub fn apply(&self, config: &mut CapacityConfig) {
        config.validity_epochs = self.validity_epochs;
        config.interval_slots = self.interval_slots;
        config.classes = self.classes;
    }
}

fn valid_class(class: &ClassParams) -> bool {
    class.n == 0
        || ((MIN_N..=MAX_N).contains(&class.n)
            && class.n.is_power_of_two()
            && (MIN_K..=MAX_K).contains(&class.k)
            && (MIN_DEADLINE_SLOTS..=MAX_DEADLINE_SLOTS).contains(&class.deadline_slots)
            && class.k * entry_bytes(class.n) <= MAX_PROOF_BYTES)
}

/// One spot-checked entry of `prove`: its index m among the k, the value, the Merkle path.
pub struct ProvedEntry<'a> {
    pub m: u8,
    pub value: u64,
    pub path: &'a [[u8; 32]],
}

/// `prove(entries)`: a Borsh `Vec<ProvedEntry>` where each entry is `m: u8, value: u64,
/// path: Vec<[u8; 32]>`; every path must have 2*log2(n) siblings. Calls `each` per entry in order.
pub fn parse_entries<'a>(
    data: &'a [u8],
    n: u64,
    mut each: impl FnMut(ProvedEntry<'a>) -> Result<bool, ProgramError>,
) -> Result<(), ProgramError> {
    let depth = 2 * log2(n) as usize;
    let mut args = Args::new(data);
    let count = args.u32()?;
    let mut rest = args.rest();
    for _ in 0..count {
        let mut head = Args::new(rest);
        let m = head.u8()?;
        let value = head.u64()?;
        let siblings = head.u32()? as usize;
        let body = head.rest();
        if siblings != depth || body.len() < depth * 32 {
            return Err(fail(CapacityError::InvalidProof));
        }
        let (path_bytes, after) = body.split_at(depth * 32);
        // SAFETY: `[u8; 32]` has alignment 1 and `path_bytes` holds exactly `depth` of them.
        let path =
            unsafe { core::slice::from_raw_parts(path_bytes.as_ptr() as *const [u8; 32], depth) };
        rest = after;
        if !each(ProvedEntry { m, value, path })? {
            return Ok(());
        }
    }
    if !rest.is_empty() {
        return Err(ProgramError::InvalidInstructionData);
    }
    Ok(())
}
