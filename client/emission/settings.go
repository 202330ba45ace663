package emission

import (
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/emission/schedule"
)

const (
	// IO is one IO in base units.
	IO = schedule.BaseUnitsPerIO
	// BPS is basis points in one whole.
	BPS = 10_000
	// SupplierRing is how many recent epochs' supplier amounts the state keeps.
	SupplierRing = 72
	// MaxEpochsPerCrank is the largest max_epochs_per_crank the program accepts.
	MaxEpochsPerCrank = 3_600
	// MaxCrankTip is the largest crank tip the program accepts: 1 IO.
	MaxCrankTip = IO
	// MaxReasonLen is the longest burn reason in bytes.
	MaxReasonLen = 64
	// CrankComputeUnits is the compute-unit limit a crank transaction asks for: enough for a
	// catch-up of MaxEpochsPerCrank epochs.
	CrankComputeUnits = 1_400_000
)

// DefaultSettings are the protocol defaults: 20% of each epoch to stakers, a 0.01 IO tip per
// crank, catch-up of up to 3,600 epochs (150 days) per transaction.
func DefaultSettings(authority, treasuryAuthority solana.PublicKey) gen.Settings {
	return gen.Settings{
		StakerSplitBps:    2_000,
		CrankTip:          IO / 100,
		MaxEpochsPerCrank: 3_600,
		Authority:         authority,
		TreasuryAuthority: treasuryAuthority,
	}
}

// CheckSettings reports the first setting the program would reject, in words.
func CheckSettings(s gen.Settings) error {
	switch {
	case s.StakerSplitBps > BPS:
		return fmt.Errorf("staker split %d bps is over 10000 (100%%)", s.StakerSplitBps)
	case s.MaxEpochsPerCrank == 0 || s.MaxEpochsPerCrank > MaxEpochsPerCrank:
		return fmt.Errorf("max epochs per crank %d must be from 1 to %d", s.MaxEpochsPerCrank, MaxEpochsPerCrank)
	case s.CrankTip > MaxCrankTip:
		return fmt.Errorf("crank tip %d base units is over 1 IO", s.CrankTip)
	}
	return nil
}
