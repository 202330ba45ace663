#![no_std]
use core::fmt::Write;

extern "C" {
    fn sol_log_(msg: *const u8, len: u64);
    fn sol_log_64_(a: u64, b: u64, c: u64, d: u64, e: u64);
    fn sol_sha256(vals: *const u8, len: u64, out: *mut u8) -> u64;
    fn abort() -> !;
}

fn log(s: &str) { unsafe { sol_log_(s.as_ptr(), s.len() as u64) } }

struct Buf { data: [u8; 128], len: usize }
impl Write for Buf {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(core::fmt::Error)?;
        if end > self.data.len() { return Err(core::fmt::Error); }
        self.data[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[inline(never)]
fn deep(n: u64, acc: &mut [u8; 3000]) -> u64 {
    let mut local = [0u8; 3000];
    for (i, b) in local.iter_mut().enumerate() { *b = (i as u64).wrapping_mul(n) as u8 ^ acc[i]; }
    if n > 0 { core::hint::black_box(deep(n - 1, &mut local)) + local[2999] as u64 } else { local.iter().map(|&b| b as u64).sum() }
}

static TABLE: [&str; 3] = ["alpha", "beta", "gamma"];

#[no_mangle]
pub unsafe extern "C" fn entrypoint(input: *mut u8) -> u64 {
    log("hello from demo");
    let n = core::ptr::read_volatile(input as *const u64);
    let mut b = Buf { data: [0; 128], len: 0 };
    let _ = write!(b, "accounts={} word={} x={:?}", n, TABLE[(n % 3) as usize], Some(n * 7));
    sol_log_(b.data.as_ptr(), b.len as u64);
    let mut arr = [0u8; 3000];
    arr[5] = n as u8;
    let s = deep(3, &mut arr);
    sol_log_64_(s, n, 0, 0, 0);
    let mut h = [0u8; 32];
    let slices: [&[u8]; 1] = [b"abc"];
    sol_sha256(slices.as_ptr() as *const u8, 1, h.as_mut_ptr());
    sol_log_64_(h[0] as u64, h[1] as u64, h[2] as u64, h[31] as u64, 0);
    0
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { unsafe { abort() } }
