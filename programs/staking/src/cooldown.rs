//! Cooldown slots shared by stake positions and devices: unstaked amounts wait here until their
//! unlock time, earn nothing, and can still be slashed (devices).

use ionet_sdk::error::fail;
use ionet_sdk::ProgramError;

use crate::error::StakingError;
use crate::state::Cooldown;

/// Puts `amount` into the first free slot, unlocking at `unlock_ts`.
pub fn start(slots: &mut [Cooldown], amount: u64, unlock_ts: i64) -> Result<(), ProgramError> {
    match slots.iter_mut().find(|slot| slot.amount == 0) {
        Some(slot) => {
            *slot = Cooldown { amount, unlock_ts };
            Ok(())
        }
        None => Err(fail(StakingError::CooldownSlotsFull)),
    }
}

/// Empties every slot whose unlock time has come and returns the sum. Fails with
/// `NothingToWithdraw` when no slot is in use and `CooldownNotElapsed` when none has ended.
pub fn take_ended(slots: &mut [Cooldown], now: i64) -> Result<u64, ProgramError> {
    let mut in_use = false;
    let mut taken = 0u64;
    for slot in slots.iter_mut().filter(|slot| slot.amount != 0) {
        in_use = true;
        if slot.unlock_ts <= now {
            taken = taken
                .checked_add(slot.amount)
                .ok_or_else(|| fail(StakingError::Overflow))?;
            *slot = Cooldown::default();
        }
    }
    match (in_use, taken) {
        (false, _) => Err(fail(StakingError::NothingToWithdraw)),
        (true, 0) => Err(fail(StakingError::CooldownNotElapsed)),
        _ => Ok(taken),
    }
}

/// Takes up to `amount` from the slots in order, returning what was taken.
pub fn take_up_to(slots: &mut [Cooldown], mut amount: u64) -> u64 {
    let mut taken = 0;
    for slot in slots.iter_mut() {
        let part = slot.amount.min(amount);
        slot.amount -= part;
        amount -= part;
        taken += part; // bounded by the caller's amount
        if slot.amount == 0 {
            slot.unlock_ts = 0;
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(entries: &[(u64, i64)]) -> [Cooldown; 4] {
        let mut out = [Cooldown::default(); 4];
        for (slot, &(amount, unlock_ts)) in out.iter_mut().zip(entries) {
            *slot = Cooldown { amount, unlock_ts };
        }
        out
    }

    #[test]
    fn start_fills_free_slots_then_fails() {
        let mut s = slots(&[(5, 10), (0, 0), (7, 20), (1, 1)]);
        assert_eq!(start(&mut s, 9, 30), Ok(()));
        assert_eq!(
            s[1],
            Cooldown {
                amount: 9,
                unlock_ts: 30
            }
        );
        assert_eq!(
            start(&mut s, 1, 40),
            Err(ProgramError::Custom(StakingError::CooldownSlotsFull as u32))
        );
    }

    /// Name, (amount, unlock) slots, now, what `take_ended` gives.
    type TakeEndedCase<'a> = (&'a str, &'a [(u64, i64)], i64, Result<u64, StakingError>);

    #[test]
    fn take_ended_cases() {
        let cases: [TakeEndedCase; 4] = [
            ("empty", &[], 100, Err(StakingError::NothingToWithdraw)),
            (
                "not yet",
                &[(5, 101)],
                100,
                Err(StakingError::CooldownNotElapsed),
            ),
            ("exactly at unlock", &[(5, 100)], 100, Ok(5)),
            ("some ended", &[(5, 50), (6, 200), (7, 99)], 100, Ok(12)),
        ];
        for (name, entries, now, want) in cases {
            let mut s = slots(entries);
            let got = take_ended(&mut s, now);
            assert_eq!(
                got,
                want.map_err(|e| ProgramError::Custom(e as u32)),
                "{name}"
            );
            if got.is_ok() {
                assert!(
                    s.iter().all(|c| c.amount == 0 || c.unlock_ts > now),
                    "{name}: ended slots emptied"
                );
            }
        }
    }

    #[test]
    fn take_up_to_drains_in_order() {
        let mut s = slots(&[(5, 10), (7, 20)]);
        assert_eq!(take_up_to(&mut s, 8), 8);
        assert_eq!((s[0].amount, s[1].amount), (0, 4));
        assert_eq!(take_up_to(&mut s, 100), 4);
        assert!(
            s.iter().all(|c| *c == Cooldown::default()),
            "drained slots are free"
        );
    }
}
