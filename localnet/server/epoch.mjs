// Epoch arithmetic of Agave's EpochSchedule (with warmup: epochs start at 32 slots and double).
const MINIMUM_SLOTS_PER_EPOCH = 32n;

const log2 = (n) => BigInt(n.toString(2).length - 1);

/** @param schedule {slotsPerEpoch, warmup, firstNormalEpoch, firstNormalSlot} as BigInt/boolean */
export function epochOf(schedule, slot) {
  if (schedule.warmup && slot < schedule.firstNormalSlot) {
    // Epoch e (during warmup) covers [32 * (2^e - 1), 32 * (2^(e+1) - 1)).
    const epoch = log2((slot + MINIMUM_SLOTS_PER_EPOCH) / MINIMUM_SLOTS_PER_EPOCH);
    const firstSlot = MINIMUM_SLOTS_PER_EPOCH * ((1n << epoch) - 1n);
    return { epoch, slotIndex: slot - firstSlot, slotsInEpoch: MINIMUM_SLOTS_PER_EPOCH << epoch };
  }
  const normal = slot - schedule.firstNormalSlot;
  return {
    epoch: schedule.firstNormalEpoch + normal / schedule.slotsPerEpoch,
    slotIndex: normal % schedule.slotsPerEpoch,
    slotsInEpoch: schedule.slotsPerEpoch,
  };
}

export function readSchedule(svm) {
  const s = svm.getEpochSchedule();
  return {
    slotsPerEpoch: s.slotsPerEpoch,
    leaderScheduleSlotOffset: s.leaderScheduleSlotOffset,
    warmup: s.warmup,
    firstNormalEpoch: s.firstNormalEpoch,
    firstNormalSlot: s.firstNormalSlot,
  };
}
