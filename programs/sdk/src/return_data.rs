//! Return data: up to 1024 bytes a program leaves for its caller (or the client) to read.

use crate::error::ProgramError;
use crate::pubkey::Pubkey;
use crate::syscalls;

/// The most return data the runtime keeps.
pub const MAX_RETURN_DATA: usize = 1024;

/// Sets this instruction's return data (replacing any earlier value). Fails with
/// `InvalidArgument` above [`MAX_RETURN_DATA`] bytes rather than letting the runtime abort.
pub fn set_return_data(data: &[u8]) -> Result<(), ProgramError> {
    if data.len() > MAX_RETURN_DATA {
        crate::log::log("return data is larger than 1024 bytes; return less");
        return Err(ProgramError::InvalidArgument);
    }
    // SAFETY: pointer and length of a live slice.
    unsafe { syscalls::sol_set_return_data(data.as_ptr(), data.len() as u64) };
    Ok(())
}

/// Reads the return data left by the last CPI into `buf`; returns its full length (which may
/// exceed `buf`, then only a prefix was copied) and the program that set it, or `None` when
/// there is none.
pub fn get_return_data(buf: &mut [u8]) -> Option<(usize, Pubkey)> {
    let mut program_id = [0u8; 32];
    // SAFETY: `buf` is writable for its length and `program_id` has 32 bytes.
    let len = unsafe {
        syscalls::sol_get_return_data(buf.as_mut_ptr(), buf.len() as u64, program_id.as_mut_ptr())
    };
    (len != 0).then_some((len as usize, program_id))
}
