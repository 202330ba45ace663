package emission

import (
	"context"
	"fmt"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/emission/schedule"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Status is the emission program's state read from chain data alone, with the supply equation
// checked: mint supply == launch supply + emitted - burned, the ledger's total (treasury burns
// and the burned share of every slash, which the staking program burns through the ledger).
// Any holder can also burn their own IO with a plain SPL Token burn, which no program sees: such
// burns only lower the supply, so the equation holds when the supply is at most the expected
// value, the difference being BurnedOutsideLedger; a supply above it would be IO minted outside
// the crank, which the mint authority (the emission PDA) makes impossible.
type Status struct {
	ProgramID       solana.PublicKey `json:"programId"`
	IOMint          solana.PublicKey `json:"ioMint"`
	StartTs         int64            `json:"startTs"`
	ChainTime       int64            `json:"chainTime"`
	CurrentEpoch    uint64           `json:"currentEpoch"` // 0 before the start; past LastEpoch after the end
	LastEndedEpoch  uint64           `json:"lastEndedEpoch"`
	LastMintedEpoch uint64           `json:"lastMintedEpoch"`
	// Emitted is what the program minted; ScheduledEmission is the schedule's cumulative sum up to
	// LastMintedEpoch: they are equal unless something is badly wrong.
	Emitted           uint64 `json:"emitted"`
	ScheduledEmission uint64 `json:"scheduledEmission"`
	StakerEmitted     uint64 `json:"stakerEmitted"`
	SupplierEmitted   uint64 `json:"supplierEmitted"`
	TipsPaid          uint64 `json:"tipsPaid"`
	Burned            uint64 `json:"burned"`
	BurnCount         uint64 `json:"burnCount"`
	Supply            uint64 `json:"supply"`
	ExpectedSupply    uint64 `json:"expectedSupply"`
	SupplyHolds       bool   `json:"supplyHolds"`
	// BurnedOutsideLedger is ExpectedSupply - Supply when holders burned IO directly.
	BurnedOutsideLedger uint64 `json:"burnedOutsideLedger"`
	StakerSplitBps      uint64 `json:"stakerSplitBps"`
	CrankTip            uint64 `json:"crankTip"`
}

// Status reads the state, the IO mint, the staking config and the clock, and checks the supply
// equation.
func (c *Client) Status(ctx context.Context) (*Status, error) {
	st, err := c.FetchState(ctx)
	if err != nil {
		return nil, err
	}
	mint, err := c.sx.FetchMint(ctx, st.IoMint)
	if err != nil {
		return nil, fmt.Errorf("emission status: %w", err)
	}
	now, err := solanax.ChainTime(ctx, c.sx.RPC)
	if err != nil {
		return nil, err
	}
	epoch, _ := schedule.EpochAt(st.StartTs, now)
	s := &Status{
		ProgramID: c.ProgramID, IOMint: st.IoMint, StartTs: st.StartTs, ChainTime: now,
		CurrentEpoch: epoch, LastEndedEpoch: schedule.LastEndedEpoch(st.StartTs, now), LastMintedEpoch: st.LastMintedEpoch,
		Emitted: st.Emitted, ScheduledEmission: schedule.Cumulative(st.LastMintedEpoch),
		StakerEmitted: st.StakerEmitted, SupplierEmitted: st.SupplierEmitted, TipsPaid: st.TipsPaid,
		Burned: st.Burned, BurnCount: st.BurnCount, Supply: mint.Supply,
		StakerSplitBps: st.StakerSplitBps, CrankTip: st.CrankTip,
	}
	s.ExpectedSupply, s.SupplyHolds = expectedSupply(st.Emitted, st.Burned)
	s.SupplyHolds = s.SupplyHolds && mint.Supply <= s.ExpectedSupply && st.Emitted == s.ScheduledEmission
	if s.SupplyHolds {
		s.BurnedOutsideLedger = s.ExpectedSupply - mint.Supply
	}
	return s, nil
}

// expectedSupply is launch + emitted - burned; ok is false when the burns exceed what ever
// existed (the equation cannot hold).
func expectedSupply(emitted, burned uint64) (uint64, bool) {
	total := schedule.LaunchSupply + emitted // at most MaxSupply: no overflow
	if burned > total {
		return 0, false
	}
	return total - burned, true
}
