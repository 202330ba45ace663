//! What one crank mints for epochs `first..=last`: each epoch's amount split into the staker share
//! (`staker_split_bps`, rounded down) and the supplier share, and the caller's tip taken out of the
//! last epoch's supplier share, so the batch is exactly the schedule's amounts.

use ionet_sdk::math;

use crate::schedule::amount;
use crate::state::{ring_slot, BPS, SUPPLIER_RING};

/// The totals of a batch; `staker + supplier + tip` is the schedule's sum over the batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    pub staker: u64,
    pub supplier: u64,
    pub tip: u64,
}

impl Batch {
    /// Splits epochs `first..=last` (`1 <= first <= last`, `bps <= BPS`), writing each epoch's
    /// supplier amount (after the tip, for the last) into its ring slot. `None` on overflow.
    #[inline(always)]
    pub fn split(
        first: u64,
        last: u64,
        bps: u64,
        crank_tip: u64,
        ring: &mut [u64; SUPPLIER_RING],
    ) -> Option<Batch> {
        let mut batch = Batch::default();
        for epoch in first..=last {
            let minted = amount(epoch);
            let staker = math::checked_mul(minted, bps)? / BPS;
            let supplier = minted.checked_sub(staker)?;
            batch.staker = batch.staker.checked_add(staker)?;
            batch.supplier = batch.supplier.checked_add(supplier)?;
            ring[ring_slot(epoch)] = supplier;
        }
        let slot = ring_slot(last);
        batch.tip = crank_tip.min(ring[slot]);
        // tip <= the last epoch's supplier amount <= the batch's supplier total.
        ring[slot] -= batch.tip;
        batch.supplier -= batch.tip;
        Some(batch)
    }

    /// Everything the batch mints.
    pub fn total(&self) -> Option<u64> {
        self.staker
            .checked_add(self.supplier)?
            .checked_add(self.tip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{LAST_EPOCH, TOTAL_EMISSION};

    const E1: u64 = 456_621_004_566;

    #[test]
    fn splits_one_epoch() {
        let cases = [
            (
                "20% to stakers, a small tip",
                2_000,
                1_000_000,
                Batch {
                    staker: E1 / 5,
                    supplier: E1 - E1 / 5 - 1_000_000,
                    tip: 1_000_000,
                },
            ),
            (
                "everything to stakers: no supplier share left to tip from",
                10_000,
                1_000_000,
                Batch {
                    staker: E1,
                    supplier: 0,
                    tip: 0,
                },
            ),
            (
                "nothing to stakers, no tip",
                0,
                0,
                Batch {
                    staker: 0,
                    supplier: E1,
                    tip: 0,
                },
            ),
            (
                "a tip larger than the supplier share takes all of it",
                9_999,
                u64::MAX,
                Batch {
                    staker: E1 * 9_999 / 10_000,
                    supplier: 0,
                    tip: E1 - E1 * 9_999 / 10_000,
                },
            ),
        ];
        for (name, bps, tip, want) in cases {
            let mut ring = [0; SUPPLIER_RING];
            let got = Batch::split(1, 1, bps, tip, &mut ring).unwrap();
            assert_eq!(got, want, "{name}");
            assert_eq!(got.total(), Some(E1), "{name}");
            assert_eq!(ring[1], want.supplier, "{name}: ring slot of epoch 1");
        }
    }

    #[test]
    fn ring_keeps_each_epochs_supplier_amount() {
        let mut ring = [u64::MAX; SUPPLIER_RING];
        let batch = Batch::split(70, 80, 2_000, 7, &mut ring).unwrap();
        for epoch in 70..=80u64 {
            let minted = amount(epoch);
            let tip = if epoch == 80 { 7 } else { 0 };
            assert_eq!(
                ring[ring_slot(epoch)],
                minted - minted * 2_000 / BPS - tip,
                "epoch {epoch}"
            );
        }
        assert_eq!(batch.tip, 7);
    }

    #[test]
    fn batches_sum_to_the_whole_schedule() {
        let mut ring = [0; SUPPLIER_RING];
        let mut total = 0u64;
        let mut first = 1;
        while first <= LAST_EPOCH {
            let last = (first + 3_599).min(LAST_EPOCH);
            total += Batch::split(first, last, 2_000, 1_000_000, &mut ring)
                .unwrap()
                .total()
                .unwrap();
            first = last + 1;
        }
        assert_eq!(total, TOTAL_EMISSION);
    }
}
