package capacity

import (
	"fmt"
	"math/bits"

	"github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/capacity/pow"
)

// Challenge states (DeviceCapacity.Status).
const (
	StatusNone      uint8 = 0
	StatusRequested uint8 = 1
	StatusCommitted uint8 = 2
	StatusPassed    uint8 = 3
	StatusMissed    uint8 = 4
	StatusFault     uint8 = 5
)

// StatusName names a challenge state.
func StatusName(s uint8) string {
	names := []string{"none", "requested", "committed", "passed", "missed", "fault"}
	if int(s) < len(names) {
		return names[s]
	}
	return fmt.Sprintf("unknown(%d)", s)
}

// EpochSeconds is the emission epoch, the unit of validity_epochs.
const EpochSeconds = 3600

// DefaultParams is the localnet's table, indexed as staking's DefaultGPUClasses (H100, A100,
// L40S, RTX4090, RTX4070, CPU-TEST). n is capped at 4096 by the proof size (a path of
// 2*log2(n) hashes must fit a transaction) and the deadline at 400 slots by SlotHashes; k keeps
// one prove transaction enough (README: "Proof of capacity"). CPU-TEST uses n = 64, so tests on
// two cores answer in milliseconds.
func DefaultParams() gen.CapacityParams {
	p := gen.CapacityParams{ValidityEpochs: 24, IntervalSlots: 150}
	table := []gen.ClassParams{
		{N: 4096, K: 1, DeadlineSlots: 150}, // H100
		{N: 4096, K: 1, DeadlineSlots: 200}, // A100
		{N: 2048, K: 1, DeadlineSlots: 150}, // L40S
		{N: 2048, K: 1, DeadlineSlots: 150}, // RTX4090
		{N: 2048, K: 1, DeadlineSlots: 300}, // RTX4070
		{N: 64, K: 2, DeadlineSlots: 150},   // CPU-TEST
	}
	copy(p.Classes[:], table)
	return p
}

// CheckParams applies the program's bounds (programs/capacity/src/instruction.rs) so a bad table
// is refused before anything is sent.
func CheckParams(p gen.CapacityParams) error {
	if p.ValidityEpochs < 1 || p.ValidityEpochs > 720 {
		return fmt.Errorf("validity_epochs %d: want 1 to 720", p.ValidityEpochs)
	}
	if p.IntervalSlots > 216_000 {
		return fmt.Errorf("interval_slots %d: want at most 216000", p.IntervalSlots)
	}
	for i, c := range p.Classes {
		if c.N == 0 {
			continue
		}
		if err := pow.ValidN(c.N); err != nil {
			return fmt.Errorf("class %d: %w", i, err)
		}
		if c.K < 1 || c.K > 16 {
			return fmt.Errorf("class %d: k %d: want 1 to 16", i, c.K)
		}
		if bytes := c.K * (13 + 64*uint64(bits.TrailingZeros64(c.N))); bytes > 840 {
			return fmt.Errorf("class %d: k=%d proofs of n=%d take %d bytes, more than the 840 one transaction carries: lower k", i, c.K, c.N, bytes)
		}
		if c.DeadlineSlots < 10 || c.DeadlineSlots > 400 {
			return fmt.Errorf("class %d: deadline %d slots: want 10 to 400", i, c.DeadlineSlots)
		}
	}
	return nil
}

// Record is a device's capacity record.
type Record = gen.DeviceCapacity
