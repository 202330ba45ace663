package localnet

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go/rpc"
)

// Warped is where the clock stands after a warp.
type Warped struct {
	Slot          uint64 `json:"slot"`
	UnixTimestamp int64  `json:"unixTimestamp"`
}

// Warp moves the chain's clock (the clock sysvar's unix_timestamp) forward by d, at once: the
// next transaction sees the new time. Tests and the demo use it to pass cooldowns, challenge
// windows and emission hours. Only the embedded LiteSVM chain can do this.
func (c *Chain) Warp(ctx context.Context, d time.Duration) (Warped, error) {
	if c.Backend != BackendLiteSVM {
		return Warped{}, fmt.Errorf("localnet: warp: the %s backend cannot move its clock; use the embedded LiteSVM chain", c.Backend)
	}
	return Warp(ctx, c.RPC, d)
}

// Warp asks the embedded chain behind client (its localnetWarp extension) to move its clock
// forward by d, whole seconds.
func Warp(ctx context.Context, client *rpc.Client, d time.Duration) (Warped, error) {
	var w Warped
	seconds := int64(d / time.Second)
	if seconds < 1 {
		return w, fmt.Errorf("localnet: warp by %s: must be at least one second forward", d)
	}
	if err := client.RPCCallForInto(ctx, &w, "localnetWarp", []any{map[string]int64{"seconds": seconds}}); err != nil {
		return w, fmt.Errorf("localnet: warp by %s: %w", d, err)
	}
	return w, nil
}

// MaxWarpSlots is the most slots one WarpSlots call passes (the server's bound).
const MaxWarpSlots = 10_000

// WarpSlots passes n slots at once on the embedded chain: each is a block, with its blockhash and
// SlotHashes entry, as the slot timer makes them, so deadlines and intervals counted in slots pass
// without waiting for them. Blockhashes older than 150 slots expire, as they would by waiting.
func (c *Chain) WarpSlots(ctx context.Context, n uint64) (Warped, error) {
	if c.Backend != BackendLiteSVM {
		return Warped{}, fmt.Errorf("localnet: warp slots: the %s backend cannot pass slots at once; use the embedded LiteSVM chain", c.Backend)
	}
	return WarpSlots(ctx, c.RPC, n)
}

// WarpSlots asks the embedded chain behind client (its localnetWarpSlots extension) to pass n
// slots at once; n above MaxWarpSlots is passed in several calls.
func WarpSlots(ctx context.Context, client *rpc.Client, n uint64) (Warped, error) {
	var w Warped
	if n < 1 {
		return w, fmt.Errorf("localnet: warp by 0 slots: must be at least one slot forward")
	}
	for n > 0 {
		step := min(n, MaxWarpSlots)
		if err := client.RPCCallForInto(ctx, &w, "localnetWarpSlots", []any{map[string]uint64{"slots": step}}); err != nil {
			return w, fmt.Errorf("localnet: warp by %d slots: %w", step, err)
		}
		n -= step
	}
	return w, nil
}

// WarpPast passes slots on the embedded chain until its processed slot is past slot (nothing if
// it already is): a test waiting for a deadline `slot` lands its next transaction after it.
func WarpPast(ctx context.Context, client *rpc.Client, slot uint64) (Warped, error) {
	now, err := client.GetSlot(ctx, rpc.CommitmentProcessed)
	if err != nil {
		return Warped{}, fmt.Errorf("localnet: warp past slot %d: read the slot: %w", slot, err)
	}
	if now > slot {
		return Warped{Slot: now}, nil
	}
	return WarpSlots(ctx, client, slot-now+1)
}
