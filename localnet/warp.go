package localnet

import (
	"context"
	"fmt"
	"time"
)

// Warped is where the clock stands after a Warp.
type Warped struct {
	Slot          uint64 `json:"slot"`
	UnixTimestamp int64  `json:"unixTimestamp"`
}

// Warp moves the chain's clock (the clock sysvar's unix_timestamp) forward by d, at once: the
// next transaction sees the new time. Tests and the demo use it to pass cooldowns, challenge
// windows and emission hours. Only the embedded LiteSVM chain can do this.
func (c *Chain) Warp(ctx context.Context, d time.Duration) (Warped, error) {
	var w Warped
	if c.Backend != BackendLiteSVM {
		return w, fmt.Errorf("localnet: warp: the %s backend cannot move its clock; use the embedded LiteSVM chain", c.Backend)
	}
	seconds := int64(d / time.Second)
	if seconds < 1 {
		return w, fmt.Errorf("localnet: warp by %s: must be at least one second forward", d)
	}
	if err := c.RPC.RPCCallForInto(ctx, &w, "localnetWarp", []any{map[string]int64{"seconds": seconds}}); err != nil {
		return w, fmt.Errorf("localnet: warp by %s: %w", d, err)
	}
	return w, nil
}
