//! Account layouts, byte for byte as `programs-idl/emission.json` describes them: `#[repr(C)]`,
//! little-endian u64/i64 words and byte arrays, no implicit padding (sizes asserted below).

use ionet_sdk::discriminator;
use ionet_sdk::state::Layout;
use ionet_sdk::Pubkey;

/// Basis points in one whole.
pub const BPS: u64 = 10_000;
/// Epochs whose supplier amounts the state keeps: three days of hours. (Also keeps the state
/// under the 1,000 bytes the Anchor TS account coder can encode.)
pub const SUPPLIER_RING: usize = 72;
/// Longest burn reason, in bytes.
pub const MAX_REASON_LEN: usize = 64;

/// PDA seeds.
pub const STATE_SEED: &[u8] = b"emission";
pub const STAKER_VAULT_SEED: &[u8] = b"staker_vault";
pub const SUPPLIER_VAULT_SEED: &[u8] = b"supplier_vault";
pub const BURN_SEED: &[u8] = b"burn";

/// The schedule, its settings and the supply ledger. PDA `["emission"]`; it is the IO mint
/// authority and owns both vaults.
///
/// Supply check from chain data alone: `mint.supply == LAUNCH_SUPPLY + emitted - burned` (minus
/// whatever the staking program's slash burned, `staking Config.slashed_burned`).
///
/// Supplier amounts: `supplier_amounts[e % SUPPLIER_RING]` is what epoch `e` put into the
/// supplier vault, valid for `last_minted_epoch - SUPPLIER_RING < e <= last_minted_epoch`. A
/// ring in this account rather than an account per epoch: 175,319 records would cost their rent
/// for ever, while a liveness program settling supplier rewards needs only recent epochs.
#[repr(C)]
pub struct EmissionState {
    pub discriminator: [u8; 8],
    pub authority: Pubkey,
    /// Signs burns; its IO token accounts are the treasury.
    pub treasury_authority: Pubkey,
    pub io_mint: Pubkey,
    pub staking_program: Pubkey,
    pub staking_config: Pubkey,
    /// The staking program's reward vault (read from its config at set-up).
    pub reward_vault: Pubkey,
    /// Token account (PDA `["staker_vault"]`, owned by the state PDA): the staker share is minted
    /// here, then handed to the staking program's `fund_rewards` in the same instruction.
    pub staker_vault: Pubkey,
    /// Token account (PDA `["supplier_vault"]`, owned by the state PDA): the supplier pool.
    pub supplier_vault: Pubkey,
    /// Epoch 1 is the hour starting here (unix seconds).
    pub start_ts: i64,
    pub staker_split_bps: u64,
    /// Base units paid to the crank's caller per crank, out of that crank's supplier share.
    pub crank_tip: u64,
    pub max_epochs_per_crank: u64,
    pub last_minted_epoch: u64,
    /// Base units minted by every crank: the schedule's cumulative emission up to
    /// `last_minted_epoch` (staker + supplier + tips).
    pub emitted: u64,
    pub staker_emitted: u64,
    pub supplier_emitted: u64,
    pub tips_paid: u64,
    /// Base units burned through the burn ledger.
    pub burned: u64,
    /// Number of burn records; the next record's index.
    pub burn_count: u64,
    pub supplier_amounts: [u64; SUPPLIER_RING],
    pub bump: u8,
    pub staker_vault_bump: u8,
    pub supplier_vault_bump: u8,
    pub reserved: [u8; 5],
}

/// One burn. PDA `["burn", index as u64 little-endian]`.
#[repr(C)]
pub struct BurnRecord {
    pub discriminator: [u8; 8],
    pub index: u64,
    pub amount: u64,
    pub burner: Pubkey,
    /// The token account burned from.
    pub source: Pubkey,
    pub timestamp: i64,
    /// UTF-8, NUL-padded; `reason_len` bytes are meaningful.
    pub reason: [u8; MAX_REASON_LEN],
    pub reason_len: u8,
    pub bump: u8,
    pub reserved: [u8; 6],
}

// SAFETY: both are #[repr(C)], start with the discriminator, have only integer and byte-array
// fields without implicit padding (the size assertions below), align 8.
unsafe impl Layout for EmissionState {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("EmissionState");
}
// SAFETY: as above.
unsafe impl Layout for BurnRecord {
    const DISCRIMINATOR: [u8; 8] = discriminator::account("BurnRecord");
}

const _: () = assert!(core::mem::size_of::<EmissionState>() == 8 + 8 * 32 + 11 * 8 + SUPPLIER_RING * 8 + 8);
const _: () = assert!(core::mem::size_of::<BurnRecord>() == 8 + 2 * 8 + 2 * 32 + 8 + MAX_REASON_LEN + 8);

/// The ring slot of `epoch`.
#[inline(always)]
pub fn ring_slot(epoch: u64) -> usize {
    (epoch % SUPPLIER_RING as u64) as usize
}
