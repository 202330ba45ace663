//! CPI builders for the staking instructions other programs call, as `ionet_sdk::token` has them
//! for SPL Token: each struct names the accounts in the order the instruction takes them
//! (`programs-idl/staking.json`), plus the staking program itself and the arguments; `invoke_signed`
//! builds the instruction data (tag, then the Borsh arguments) and invokes it. Each lists its
//! accounts once ([`ionet_sdk::cpi_accounts`]), optional trailing ones added by [`push_optional`].

use ionet_sdk::cpi::{invoke_program, invoke_signed_first, AccountMeta, Instruction, Signer};
use ionet_sdk::{cpi_accounts, AccountInfo, ProgramResult};

use crate::instruction::{
    CREDIT_DEVICE_REWARD, FUND_REWARDS, LOCK_POSITION, RELEASE_DEVICE_STAKE, RESERVE_DEVICE_STAKE,
    SLASH,
};

/// `tag` followed by one little-endian u64 argument.
#[inline(always)]
fn tag_and_word(tag: u64, word: u64) -> [u8; 16] {
    let mut data = [0u8; 16];
    data[..8].copy_from_slice(&tag.to_le_bytes());
    data[8..].copy_from_slice(&word.to_le_bytes());
    data
}

/// Puts `account`, when given, at `*len` of a CPI's metas and infos (writable or read-only, never
/// a signer) and counts it: the optional trailing accounts staking recognises by owner and
/// discriminator.
#[inline(always)]
fn push_optional<'a, const N: usize>(
    metas: &mut [AccountMeta<'a>; N],
    accounts: &mut [&'a AccountInfo; N],
    len: &mut usize,
    account: Option<&'a AccountInfo>,
    writable: bool,
) {
    if let Some(account) = account {
        metas[*len] = AccountMeta::new(account.key(), writable, false);
        accounts[*len] = account;
        *len += 1;
    }
}

/// Invokes `program` with the first `len` of `metas` and of `accounts` (the same accounts in the
/// same order): the unused tail describes nothing.
#[inline(always)]
fn invoke_first<const N: usize>(
    program: &AccountInfo,
    metas: &[AccountMeta; N],
    len: usize,
    data: &[u8],
    accounts: &[&AccountInfo; N],
    signers: &[Signer],
) -> ProgramResult {
    let instruction = Instruction {
        program_id: program.key(),
        accounts: &metas[..len],
        data,
    };
    invoke_signed_first(&instruction, accounts, len, signers)
}

/// `slash(amount)`: a slasher takes `amount` of `device`'s stake (the owner's own first when the
/// device has a co-staking offer, then co-stake pro rata); the burned share goes through
/// emission's burn ledger, the rest to `beneficiary`.
///
/// The trailing accounts after `emission_state` are optional and recognised by the staking
/// program by owner and discriminator, in any order: `offer` (the device's `DeviceOffer`, at
/// its seeded address; required when the device has an offer) and `slasher_entry` (the
/// signer's `SlasherEntry`, PDA `["slasher", slasher]`; required when the signer is a registered
/// slasher rather than the configured one).
pub struct Slash<'a> {
    pub staking_program: &'a AccountInfo,
    /// The configured slasher or a registered one (a PDA of the calling program): signs.
    pub slasher: &'a AccountInfo,
    pub staking_config: &'a AccountInfo,
    pub device: &'a AccountInfo,
    pub stake_vault: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub beneficiary: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub emission_program: &'a AccountInfo,
    pub emission_state: &'a AccountInfo,
    /// The device's co-staking offer (writable: the slash takes co-stake from its pools).
    pub offer: Option<&'a AccountInfo>,
    /// The signer's slasher registry entry (read-only).
    pub slasher_entry: Option<&'a AccountInfo>,
}

impl Slash<'_> {
    /// Invokes `slash(amount)`.
    #[inline(always)]
    pub fn invoke_signed(&self, amount: u64, signers: &[Signer]) -> ProgramResult {
        let data = tag_and_word(SLASH, amount);
        // A missing optional account repeats the slasher in the unused tail (cut off below).
        let (mut metas, mut accounts) = cpi_accounts![
            readonly_signer(self.slasher),
            writable(self.staking_config),
            writable(self.device),
            writable(self.stake_vault),
            writable(self.io_mint),
            writable(self.beneficiary),
            readonly(self.token_program),
            readonly(self.emission_program),
            writable(self.emission_state),
            readonly(self.slasher),
            readonly(self.slasher),
        ];
        let mut len = 9;
        push_optional(&mut metas, &mut accounts, &mut len, self.offer, true);
        push_optional(
            &mut metas,
            &mut accounts,
            &mut len,
            self.slasher_entry,
            false,
        );
        invoke_first(self.staking_program, &metas, len, &data, &accounts, signers)
    }
}

/// `reserve_device_stake(amount)` (the configured slasher reserves `amount` of `device`'s free
/// stake for a job) and `release_device_stake(amount, outcome)` (it releases that much of the
/// reserve, the job having ended with `outcome`, counted in the device's co-staking offer).
pub struct DeviceReserve<'a> {
    pub staking_program: &'a AccountInfo,
    /// The staking config's `slasher`: signs.
    pub slasher: &'a AccountInfo,
    pub staking_config: &'a AccountInfo,
    pub device: &'a AccountInfo,
    /// The device's co-staking offer (`DeviceOffer`), after the device: a release
    /// requires it for a device with an offer; a reserve ignores it.
    pub offer: Option<&'a AccountInfo>,
}

impl DeviceReserve<'_> {
    /// Invokes `reserve_device_stake(amount)`.
    #[inline(always)]
    pub fn reserve(&self, amount: u64, signers: &[Signer]) -> ProgramResult {
        self.invoke(&tag_and_word(RESERVE_DEVICE_STAKE, amount), None, signers)
    }

    /// Invokes `release_device_stake(amount, outcome)` (`crate::OUTCOME_*`), passing the offer
    /// when given.
    #[inline(always)]
    pub fn release(&self, amount: u64, outcome: u8, signers: &[Signer]) -> ProgramResult {
        let mut data = [0u8; 17];
        data[..16].copy_from_slice(&tag_and_word(RELEASE_DEVICE_STAKE, amount));
        data[16] = outcome;
        self.invoke(&data, self.offer, signers)
    }

    #[inline(always)]
    fn invoke(
        &self,
        data: &[u8],
        offer: Option<&AccountInfo>,
        signers: &[Signer],
    ) -> ProgramResult {
        let (mut metas, mut accounts) = cpi_accounts![
            readonly_signer(self.slasher),
            readonly(self.staking_config),
            writable(self.device),
            readonly(self.slasher),
        ];
        let mut len = 3;
        push_optional(&mut metas, &mut accounts, &mut len, offer, true);
        invoke_first(self.staking_program, &metas, len, data, &accounts, signers)
    }
}

/// `fund_rewards(amount, epochs_end_ts)`: moves `amount` (possibly 0) from `funder_token` (owned
/// by `funder`; with epochs, the IO mint authority) into the reward vault as the staker share of
/// the epochs that end by `epochs_end_ts`.
pub struct FundRewards<'a> {
    pub staking_program: &'a AccountInfo,
    pub funder: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub funder_token: &'a AccountInfo,
    pub reward_vault: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub amount: u64,
    pub epochs_end_ts: i64,
}

impl FundRewards<'_> {
    #[inline(always)]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let (metas, accounts) = cpi_accounts![
            readonly_signer(self.funder),
            writable(self.config),
            writable(self.funder_token),
            writable(self.reward_vault),
            readonly(self.token_program),
            readonly(self.io_mint),
        ];
        let mut data = [0u8; 24];
        data[..8].copy_from_slice(&FUND_REWARDS.to_le_bytes());
        data[8..16].copy_from_slice(&self.amount.to_le_bytes());
        data[16..].copy_from_slice(&self.epochs_end_ts.to_le_bytes());
        invoke_program(self.staking_program, &metas, &data, &accounts, signers)
    }
}

/// `lock_position(until)`: the staking authority (`locker`, the governance PDA) locks `position`
/// until `until`.
pub struct LockPosition<'a> {
    pub staking_program: &'a AccountInfo,
    pub locker: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub position: &'a AccountInfo,
    pub until: i64,
}

impl LockPosition<'_> {
    #[inline(always)]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let (metas, accounts) = cpi_accounts![
            readonly_signer(self.locker),
            readonly(self.config),
            writable(self.position),
        ];
        let data = tag_and_word(LOCK_POSITION, self.until as u64);
        invoke_program(self.staking_program, &metas, &data, &accounts, signers)
    }
}

/// `credit_device_reward(amount)`: the IO mint authority (`funder`, emission's state PDA) pays
/// `amount` of a device's supplier reward from `funder_token` into the co-staking vault, credited
/// to the device's offer (commission, then pro rata to all active stake on the device).
pub struct CreditDeviceReward<'a> {
    pub staking_program: &'a AccountInfo,
    pub funder: &'a AccountInfo,
    pub config: &'a AccountInfo,
    pub costake_params: &'a AccountInfo,
    pub device: &'a AccountInfo,
    pub offer: &'a AccountInfo,
    pub funder_token: &'a AccountInfo,
    pub costake_vault: &'a AccountInfo,
    pub io_mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub amount: u64,
}

impl CreditDeviceReward<'_> {
    #[inline(always)]
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let data = tag_and_word(CREDIT_DEVICE_REWARD, self.amount);
        let (metas, accounts) = cpi_accounts![
            readonly_signer(self.funder),
            readonly(self.config),
            readonly(self.costake_params),
            readonly(self.device),
            writable(self.offer),
            writable(self.funder_token),
            writable(self.costake_vault),
            readonly(self.io_mint),
            readonly(self.token_program),
        ];
        invoke_program(self.staking_program, &metas, &data, &accounts, signers)
    }
}
