//! Anchor-style events: one `Program data: <base64>` log line holding the event's 8-byte
//! discriminator followed by its serialized fields, which Anchor clients and our Go event parser
//! decode.

use crate::error::ProgramError;
use crate::log::log_data;
use crate::syscalls::Bytes;

/// Largest event payload [`emit`] accepts (the stack buffer it joins the line in).
pub const MAX_EVENT_PAYLOAD: usize = 1024;

/// Logs `discriminator ++ payload` as a single `Program data:` entry. Anchor decodes only the
/// first base64 entry of the line, so the two parts are joined in a stack buffer first.
/// Fails with `InvalidArgument` above [`MAX_EVENT_PAYLOAD`] bytes.
#[inline(never)]
pub fn emit(discriminator: &[u8; 8], payload: &[u8]) -> Result<(), ProgramError> {
    if payload.len() > MAX_EVENT_PAYLOAD {
        crate::log::log("event payload larger than 1024 bytes: emit less");
        return Err(ProgramError::InvalidArgument);
    }
    let mut line = [0u8; 8 + MAX_EVENT_PAYLOAD];
    line[..8].copy_from_slice(discriminator);
    line[8..8 + payload.len()].copy_from_slice(payload);
    log_data(&[Bytes::new(&line[..8 + payload.len()])]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_oversized_payloads() {
        let disc = crate::discriminator::event("Staked");
        assert_eq!(emit(&disc, &[0; MAX_EVENT_PAYLOAD]), Ok(()));
        assert_eq!(
            emit(&disc, &[0; MAX_EVENT_PAYLOAD + 1]),
            Err(ProgramError::InvalidArgument)
        );
    }
}
