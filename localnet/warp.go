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
