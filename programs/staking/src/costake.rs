//! Co-staking bookkeeping on a device's offer and its co-stake positions, without accounts or
//! tokens (the processors move those), so the host tests below exercise it directly.
//!
//! - Co-stake lives in two share pools of the offer (see `staking_state::DeviceOffer`): the
//!   active pool is part of the device's active stake (eligibility, job collateral), the cooling
//!   pool is not but can still be slashed. A position's stake is the value of its shares.
//! - Each credited device reward is split into the owner's commission and the rest pro rata to
//!   all active stake on the device: the co-stake's part goes to the active pool through a
//!   reward-per-share index (rounded down per credit and per settlement, so positions are never
//!   owed more than was credited, and each loses less than one base unit per settlement); the
//!   owner's own-stake part is the remainder, so the split adds up exactly.
//! - A slash takes the owner's own stake (active, then cooling) first, then co-stake pro rata
//!   between the active and cooling pools.

use ionet_sdk::error::fail;
use ionet_sdk::math;
use ionet_sdk::ProgramError;

use crate::cooldown;
use crate::error::StakingError;
use crate::processor::shared::overflow;
use crate::rewards::RewardIndex;
use crate::state::{CostakePosition, Device, DeviceOffer, ShareCooldown, BPS};

/// The value of `shares` of a pool of `pool_shares` worth `pool_amount`, rounded down; all the
/// pool's shares are worth exactly the pool.
pub fn value(shares: u64, pool_shares: u64, pool_amount: u64) -> Option<u64> {
    if shares == pool_shares {
        return Some(pool_amount);
    }
    math::mul_div(shares, pool_amount, pool_shares)
}

/// Shares a deposit of `amount` into a pool buys, rounded down (at least one).
fn buy(amount: u64, pool_shares: u64, pool_amount: u64) -> Result<u64, ProgramError> {
    if pool_shares == 0 {
        return Ok(amount);
    }
    if pool_amount == 0 {
        return Err(fail(StakingError::CostakePoolWiped));
    }
    match math::mul_div(amount, pool_shares, pool_amount) {
        Some(0) => Err(fail(StakingError::ZeroAmount)),
        Some(shares) => Ok(shares),
        None => Err(overflow()),
    }
}

fn offer_index(offer: &DeviceOffer) -> RewardIndex {
    RewardIndex {
        whole: offer.reward_index_whole,
        frac: offer.reward_index_frac,
    }
}

/// Moves what the position's active shares earned since it last settled into `unclaimed`.
/// Call before changing its shares.
pub fn settle(position: &mut CostakePosition, offer: &DeviceOffer) -> Option<()> {
    let index = offer_index(offer);
    let since = RewardIndex {
        whole: position.reward_index_whole,
        frac: position.reward_index_frac,
    };
    let earned = index.earned(since, position.shares)?;
    position.unclaimed = position.unclaimed.checked_add(earned)?;
    position.reward_index_whole = index.whole;
    position.reward_index_frac = index.frac;
    Some(())
}

/// The position's active co-stake.
pub fn active_stake(position: &CostakePosition, offer: &DeviceOffer) -> Option<u64> {
    value(position.shares, offer.active_shares, offer.active_amount)
}

/// The position's cooling co-stake (all entries).
pub fn cooling_stake(position: &CostakePosition, offer: &DeviceOffer) -> Option<u64> {
    position.cooldowns.iter().try_fold(0u64, |sum, c| {
        sum.checked_add(value(c.shares, offer.cooling_shares, offer.cooling_amount)?)
    })
}

/// Checks a co-stake of `amount` on `device` against the offer (open, cap, owner floor) and
/// returns the shares it buys. No effect.
pub fn check_join(offer: &DeviceOffer, device: &Device, amount: u64) -> Result<u64, ProgramError> {
    if !offer.is_open() {
        return Err(fail(StakingError::OfferClosed));
    }
    let costake = offer
        .active_amount
        .checked_add(amount)
        .ok_or_else(overflow)?;
    if costake > offer.max_costake {
        return Err(fail(StakingError::CostakeCapExceeded));
    }
    let own = offer.owner_active(device.stake).ok_or_else(overflow)?;
    let total = device.stake.checked_add(amount).ok_or_else(overflow)?;
    if !keeps_floor(own, total, offer.min_owner_bps) {
        return Err(fail(StakingError::OwnerShareTooLow));
    }
    buy(amount, offer.active_shares, offer.active_amount)
}

/// `own` is at least `min_bps` of `total`.
pub fn keeps_floor(own: u64, total: u64, min_bps: u64) -> bool {
    math::mul_div_ceil(total, min_bps, BPS).is_some_and(|required| own >= required)
}

/// Adds `shares` worth `amount` to the position and the active pool (after [`check_join`] and
/// [`settle`]); the caller adds `amount` to the device's stake.
pub fn join(
    offer: &mut DeviceOffer,
    position: &mut CostakePosition,
    amount: u64,
    shares: u64,
) -> Option<()> {
    position.shares = position.shares.checked_add(shares)?;
    offer.active_shares = offer.active_shares.checked_add(shares)?;
    offer.active_amount = offer.active_amount.checked_add(amount)?;
    Some(())
}

/// A planned `uncostake`: the active shares it burns and the cooling shares it buys.
pub struct Leave {
    pub burn: u64,
    pub cooling: u64,
}

/// Checks an uncostake of `amount` from the position (its active stake, the device's free
/// stake, the offer open, a free cooldown slot). No effect.
pub fn check_leave(
    offer: &DeviceOffer,
    position: &CostakePosition,
    device: &Device,
    amount: u64,
) -> Result<Leave, ProgramError> {
    if !offer.is_open() {
        // A closed offer's active pool is already cooling down as a whole.
        return Err(fail(StakingError::OfferClosed));
    }
    let stake = active_stake(position, offer).ok_or_else(overflow)?;
    if amount > stake {
        return Err(fail(StakingError::InsufficientStake));
    }
    if amount > device.free_stake() {
        return Err(fail(StakingError::StakeReservedForJobs));
    }
    if !position.cooldowns.iter().any(|c| c.shares == 0) {
        return Err(fail(StakingError::CooldownSlotsFull));
    }
    let burn = if amount == stake {
        position.shares
    } else {
        // Rounded up, against the leaver: what stays keeps at least its value.
        math::mul_div_ceil(amount, offer.active_shares, offer.active_amount)
            .ok_or_else(overflow)?
            .min(position.shares)
    };
    let cooling = buy(amount, offer.cooling_shares, offer.cooling_amount)?;
    Ok(Leave { burn, cooling })
}

/// Applies a checked [`Leave`] (after [`settle`]); the caller takes `amount` off the device's
/// stake. Always inlined: its arguments and result are more than SBPF's five registers.
#[inline(always)]
pub fn leave(
    offer: &mut DeviceOffer,
    position: &mut CostakePosition,
    amount: u64,
    plan: &Leave,
    unlock_ts: i64,
) -> Result<(), ProgramError> {
    let slot = position
        .cooldowns
        .iter_mut()
        .find(|c| c.shares == 0)
        .ok_or_else(|| fail(StakingError::CooldownSlotsFull))?;
    *slot = ShareCooldown {
        shares: plan.cooling,
        unlock_ts,
    };
    position.shares = position
        .shares
        .checked_sub(plan.burn)
        .ok_or_else(overflow)?;
    offer.active_shares = offer
        .active_shares
        .checked_sub(plan.burn)
        .ok_or_else(overflow)?;
    offer.active_amount = offer
        .active_amount
        .checked_sub(amount)
        .ok_or_else(overflow)?;
    offer.cooling_shares = offer
        .cooling_shares
        .checked_add(plan.cooling)
        .ok_or_else(overflow)?;
    offer.cooling_amount = offer
        .cooling_amount
        .checked_add(amount)
        .ok_or_else(overflow)?;
    Ok(())
}

/// Takes the position's ended cooldowns, and its active shares once a closed offer's cooldown
/// has ended (after [`settle`]), out of the pools; returns the amount to pay. Fails with
/// `NothingToWithdraw` when nothing is cooling and `CooldownNotElapsed` when nothing has ended.
pub fn withdraw(
    offer: &mut DeviceOffer,
    position: &mut CostakePosition,
    now: i64,
) -> Result<u64, ProgramError> {
    let closed_ended = !offer.is_open() && offer.closed_unlock_ts <= now;
    let closing = !offer.is_open() && position.shares > 0;
    let mut in_use = closing;
    let mut paid = 0u64;
    let mut ended_any = false;
    for slot in position.cooldowns.iter_mut().filter(|c| c.shares != 0) {
        in_use = true;
        if slot.unlock_ts > now {
            continue;
        }
        ended_any = true;
        let amount =
            value(slot.shares, offer.cooling_shares, offer.cooling_amount).ok_or_else(overflow)?;
        offer.cooling_shares -= slot.shares; // slot shares are part of the pool's
        offer.cooling_amount -= amount; // value <= pool amount
        paid = paid.checked_add(amount).ok_or_else(overflow)?;
        *slot = ShareCooldown::default();
    }
    if closing && closed_ended {
        ended_any = true;
        let amount = active_stake(position, offer).ok_or_else(overflow)?;
        offer.active_shares -= position.shares;
        offer.active_amount -= amount;
        position.shares = 0;
        paid = paid.checked_add(amount).ok_or_else(overflow)?;
    }
    match (in_use, ended_any) {
        (false, _) => Err(fail(StakingError::NothingToWithdraw)),
        (true, false) => Err(fail(StakingError::CooldownNotElapsed)),
        _ => Ok(paid),
    }
}

/// How a credited device reward was split.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub commission: u64,
    /// The owner's own-stake share (the remainder after the co-stakers' pool).
    pub owner_share: u64,
    pub costake_share: u64,
}

/// Credits a device reward of `amount` at `now` to the offer: a due commission raise applies
/// first; the commission and the owner's own-stake share go to `owner_unclaimed`, the co-stake
/// share into the reward-per-share index. A closed offer, or one with no active co-stake,
/// credits everything to the owner.
pub fn credit(offer: &mut DeviceOffer, device_stake: u64, amount: u64, now: i64) -> Option<Split> {
    if offer.pending_ts != 0 && now >= offer.pending_ts {
        offer.commission_bps = offer.pending_commission_bps;
        offer.pending_commission_bps = 0;
        offer.pending_ts = 0;
    }
    let commission = math::mul_div(amount, offer.commission_bps, BPS)?;
    let rest = amount.checked_sub(commission)?;
    let costake_share = if offer.is_open() && offer.active_shares > 0 && device_stake > 0 {
        // active_amount <= device_stake while open, so the share is at most `rest`.
        math::mul_div(rest, offer.active_amount, device_stake)?
    } else {
        0
    };
    if costake_share > 0 {
        let index = offer_index(offer).distribute(costake_share, offer.active_shares)?;
        offer.reward_index_whole = index.whole;
        offer.reward_index_frac = index.frac;
    }
    let owner_share = rest - costake_share;
    offer.owner_unclaimed = offer
        .owner_unclaimed
        .checked_add(commission)?
        .checked_add(owner_share)?;
    offer.credited = offer.credited.checked_add(amount)?;
    offer.epochs_live = offer.epochs_live.checked_add(1)?;
    offer.costake_credited = offer.costake_credited.checked_add(costake_share)?;
    Some(Split {
        commission,
        owner_share,
        costake_share,
    })
}

/// Who a slash took from.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SlashSplit {
    pub owner_active: u64,
    pub owner_cooling: u64,
    pub costake_active: u64,
    pub costake_cooling: u64,
}

impl SlashSplit {
    /// What left the device's active stake.
    pub fn from_device_stake(&self, offer_open: bool) -> u64 {
        if offer_open {
            self.owner_active + self.costake_active
        } else {
            self.owner_active
        }
    }
}

/// Everything a slash of the device can take: the owner's active and cooling stake and both
/// co-stake pools.
pub fn at_stake(device: &Device, offer: &DeviceOffer) -> Option<u64> {
    let mut total = device.at_stake()?.checked_add(offer.cooling_amount)?;
    if !offer.is_open() {
        total = total.checked_add(offer.active_amount)?;
    }
    Some(total)
}

/// Takes `amount` (at most [`at_stake`]) first-loss: the owner's own active stake, then the
/// owner's cooling stake, then co-stake pro rata between the active and cooling pools. Updates
/// the device and the offer; returns the split.
pub fn slash(device: &mut Device, offer: &mut DeviceOffer, amount: u64) -> Option<SlashSplit> {
    let own_active = offer.owner_active(device.stake)?;
    let mut split = SlashSplit {
        owner_active: amount.min(own_active),
        ..SlashSplit::default()
    };
    let rest = amount - split.owner_active;
    split.owner_cooling = cooldown::take_up_to(&mut device.cooldowns, rest);
    let rest = rest - split.owner_cooling;
    let pools = offer.active_amount.checked_add(offer.cooling_amount)?;
    if rest > pools {
        return None;
    }
    if rest > 0 {
        split.costake_active = math::mul_div(rest, offer.active_amount, pools)?;
        split.costake_cooling = rest - split.costake_active; // <= cooling_amount (rounded down above)
    }
    let open = offer.is_open();
    device.stake = device.stake.checked_sub(split.from_device_stake(open))?;
    offer.active_amount = offer.active_amount.checked_sub(split.costake_active)?;
    offer.cooling_amount = offer.cooling_amount.checked_sub(split.costake_cooling)?;
    offer.slashed_owner = offer
        .slashed_owner
        .checked_add(split.owner_active + split.owner_cooling)?;
    offer.slashed_costake = offer.slashed_costake.checked_add(rest)?;
    Some(split)
}

/// Closes the offer at `now`: the active pool leaves the device's stake and cools down until
/// `unlock_ts`; a pending raise is dropped. Fails when jobs hold that stake. Returns the amount
/// that left the device's stake.
pub fn close(
    offer: &mut DeviceOffer,
    device: &mut Device,
    unlock_ts: i64,
) -> Result<u64, ProgramError> {
    if !offer.is_open() {
        return Err(fail(StakingError::OfferClosed));
    }
    if offer.active_amount > device.free_stake() {
        return Err(fail(StakingError::StakeReservedForJobs));
    }
    device.stake -= offer.active_amount; // active_amount <= free_stake <= stake
    offer.closed_unlock_ts = unlock_ts.max(1);
    offer.pending_ts = 0;
    offer.pending_commission_bps = 0;
    Ok(offer.active_amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_like::*;

    fn zeroed<T>() -> T {
        // SAFETY: every bit pattern is a valid account layout (Layout contract).
        unsafe { core::mem::zeroed() }
    }

    fn offer(commission_bps: u64) -> DeviceOffer {
        let mut o: DeviceOffer = zeroed();
        o.commission_bps = commission_bps;
        o.max_costake = u64::MAX;
        o.min_owner_bps = 1_000;
        o
    }

    fn device(stake: u64) -> Device {
        let mut d: Device = zeroed();
        d.stake = stake;
        d
    }

    fn join_ok(o: &mut DeviceOffer, d: &mut Device, p: &mut CostakePosition, amount: u64) {
        let shares = check_join(o, d, amount).unwrap();
        settle(p, o).unwrap();
        join(o, p, amount, shares).unwrap();
        d.stake += amount;
    }

    /// u128 helpers standing in for big-integer hand computation.
    mod num_like {
        pub fn floor_div(a: u128, b: u128) -> u128 {
            a / b
        }
    }

    #[test]
    fn split_matches_hand_computation() {
        // Owner 1,000 own, co-stakers 2,000 and 7,000; commission 10%; reward 1,000,003.
        let mut o = offer(1_000);
        let mut d = device(1_000);
        let mut a: CostakePosition = zeroed();
        let mut b: CostakePosition = zeroed();
        join_ok(&mut o, &mut d, &mut a, 2_000);
        join_ok(&mut o, &mut d, &mut b, 7_000);
        let reward = 1_000_003u64;
        let split = credit(&mut o, d.stake, reward, 0).unwrap();
        let commission = floor_div(reward as u128 * 1_000, 10_000);
        let rest = reward as u128 - commission;
        let co = floor_div(rest * 9_000, 10_000);
        assert_eq!(split.commission as u128, commission);
        assert_eq!(split.costake_share as u128, co);
        assert_eq!(split.owner_share as u128, rest - co);
        settle(&mut a, &o).unwrap();
        settle(&mut b, &o).unwrap();
        // Each position's exact share, rounded down, loses at most one unit to the index.
        for (p, stake) in [(&a, 2_000u128), (&b, 7_000u128)] {
            let exact = floor_div(co * stake, 9_000);
            assert!(p.unclaimed as u128 <= exact && exact - p.unclaimed as u128 <= 1);
        }
        assert!(a.unclaimed + b.unclaimed <= split.costake_share);
    }

    #[test]
    fn commission_raise_waits_for_notice() {
        let mut o = offer(1_000);
        o.pending_commission_bps = 5_000;
        o.pending_ts = 100;
        assert_eq!(credit(&mut o, 10, 1_000, 99).unwrap().commission, 100);
        assert_eq!(credit(&mut o, 10, 1_000, 100).unwrap().commission, 500);
        assert_eq!((o.commission_bps, o.pending_ts), (5_000, 0));
    }

    #[test]
    fn slash_takes_the_owner_first() {
        let mut o = offer(0);
        let mut d = device(1_000);
        d.cooldowns[0].amount = 500;
        let mut a: CostakePosition = zeroed();
        let mut b: CostakePosition = zeroed();
        join_ok(&mut o, &mut d, &mut a, 3_000);
        join_ok(&mut o, &mut d, &mut b, 6_000);
        let plan = check_leave(&o, &b, &d, 3_000).unwrap();
        settle(&mut b, &o).unwrap();
        leave(&mut o, &mut b, 3_000, &plan, 50).unwrap();
        d.stake -= 3_000;
        // Owner: 1,000 active + 500 cooling; co-stake: 6,000 active (3,000 a + 3,000 b), 3,000 cooling.
        let split = slash(&mut d, &mut o, 1_000 + 500 + 900).unwrap();
        assert_eq!(
            split,
            SlashSplit {
                owner_active: 1_000,
                owner_cooling: 500,
                costake_active: 600,
                costake_cooling: 300
            }
        );
        assert_eq!(d.stake, 5_400);
        assert_eq!(active_stake(&a, &o), Some(2_700));
        assert_eq!(active_stake(&b, &o), Some(2_700));
        assert_eq!(cooling_stake(&b, &o), Some(2_700));
        assert_eq!(at_stake(&d, &o), Some(5_400 + 2_700));
    }

    #[test]
    fn leave_is_bounded_by_free_stake() {
        let mut o = offer(0);
        let mut d = device(1_000);
        let mut a: CostakePosition = zeroed();
        join_ok(&mut o, &mut d, &mut a, 4_000);
        d.job_reserve = 4_500;
        assert_eq!(
            check_leave(&o, &a, &d, 600).err(),
            Some(fail(StakingError::StakeReservedForJobs))
        );
        assert!(check_leave(&o, &a, &d, 500).is_ok());
    }

    #[test]
    fn join_respects_floor_and_cap() {
        let mut o = offer(0);
        o.max_costake = 9_000;
        let d = device(1_000);
        assert_eq!(check_join(&o, &d, 9_000), Ok(9_000), "exactly 10% own");
        assert_eq!(
            check_join(&o, &d, 9_001).err(),
            Some(fail(StakingError::CostakeCapExceeded))
        );
        o.max_costake = u64::MAX;
        assert_eq!(
            check_join(&o, &d, 9_001).err(),
            Some(fail(StakingError::OwnerShareTooLow))
        );
    }

    /// Random sequences of joins, leaves, withdrawals, credits, claims and slashes. After each
    /// step: the device's stake is the owner's own plus the active pool; without slashes each pool
    /// equals the sum of its positions' values (after slashes, the pool holds at most one unit of
    /// rounding per position more); every unit credited is paid, claimable, or rounding dust of
    /// at most one unit per position per settlement.
    #[test]
    fn property_stake_and_rewards_add_up() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..200 {
            let mut o = offer(next() % 5_001);
            let own = 1_000 + next() % 1_000_000;
            let mut d = device(own);
            let mut owner_own = own;
            let mut ps: Vec<CostakePosition> = (0..4).map(|_| zeroed()).collect();
            let (mut paid, mut settlements, mut now, mut slashed_any) = (0u128, 0u128, 0i64, false);
            let (mut deposited, mut withdrawn, mut slashed) = (0u128, 0u128, 0u128);
            for _ in 0..80 {
                now += (next() % 100) as i64;
                let i = (next() % 4) as usize;
                match next() % 7 {
                    0 | 1 => {
                        let amount = 1 + next() % 1_000_000;
                        if let Ok(shares) = check_join(&o, &d, amount) {
                            settle(&mut ps[i], &o).unwrap();
                            settlements += 1;
                            join(&mut o, &mut ps[i], amount, shares).unwrap();
                            d.stake += amount;
                            deposited += amount as u128;
                        }
                    }
                    2 => {
                        let stake = active_stake(&ps[i], &o).unwrap();
                        let amount = next() % (stake + 1);
                        if amount > 0 {
                            if let Ok(plan) = check_leave(&o, &ps[i], &d, amount) {
                                settle(&mut ps[i], &o).unwrap();
                                settlements += 1;
                                leave(&mut o, &mut ps[i], amount, &plan, now + 50).unwrap();
                                d.stake -= amount;
                            }
                        }
                    }
                    3 => {
                        settle(&mut ps[i], &o).unwrap();
                        settlements += 1;
                        if let Ok(amount) = withdraw(&mut o, &mut ps[i], now) {
                            withdrawn += amount as u128;
                        }
                    }
                    4 => {
                        let amount = next() % 10_000_000;
                        credit(&mut o, d.stake, amount, now).unwrap();
                    }
                    5 => {
                        settle(&mut ps[i], &o).unwrap();
                        settlements += 1;
                        paid += ps[i].unclaimed as u128;
                        ps[i].claimed += ps[i].unclaimed;
                        ps[i].unclaimed = 0;
                    }
                    _ => {
                        let max = at_stake(&d, &o).unwrap();
                        if max > 0 && next() % 3 == 0 {
                            let amount = 1 + next() % max;
                            let split = slash(&mut d, &mut o, amount).unwrap();
                            owner_own -= split.owner_active;
                            slashed += amount as u128;
                            slashed_any = true;
                        }
                    }
                }
                assert_eq!(
                    d.stake,
                    owner_own + o.active_amount,
                    "device stake = own + pool"
                );
                let active: u64 = ps.iter().map(|p| active_stake(p, &o).unwrap()).sum();
                let cooling: u64 = ps.iter().map(|p| cooling_stake(p, &o).unwrap()).sum();
                let shares: u64 = ps.iter().map(|p| p.shares).sum();
                let cshares: u64 = ps
                    .iter()
                    .flat_map(|p| p.cooldowns.iter())
                    .map(|c| c.shares)
                    .sum();
                assert_eq!((o.active_shares, o.cooling_shares), (shares, cshares));
                assert!(active <= o.active_amount && cooling <= o.cooling_amount);
                if !slashed_any {
                    assert_eq!(
                        active, o.active_amount,
                        "no slash: positions sum to the pool"
                    );
                    assert_eq!(cooling, o.cooling_amount);
                } else {
                    assert!(o.active_amount - active <= 4 && o.cooling_amount - cooling <= 16);
                }
                // Tokens: deposited = pools + withdrawn + slashed(co-stake part) + pool dust.
                assert!(
                    deposited >= withdrawn + o.active_amount as u128 + o.cooling_amount as u128
                );
                // Rewards: credited = owner's + positions' (paid + claimable) + dust.
                let owed: u128 = ps
                    .iter()
                    .map(|p| {
                        let mut q: CostakePosition = zeroed();
                        q.shares = p.shares;
                        q.reward_index_whole = p.reward_index_whole;
                        q.reward_index_frac = p.reward_index_frac;
                        settle(&mut q, &o).unwrap();
                        p.unclaimed as u128 + q.unclaimed as u128
                    })
                    .sum();
                let costake_total = paid + owed;
                assert!(
                    costake_total <= o.costake_credited as u128,
                    "never owes more than credited"
                );
                assert!(
                    o.costake_credited as u128 - costake_total <= settlements + 4 * 80,
                    "dust bounded"
                );
                assert_eq!(
                    o.credited,
                    o.owner_unclaimed + o.costake_credited,
                    "owner part + co-stake part = credited"
                );
            }
            let _ = slashed;
        }
    }
}
