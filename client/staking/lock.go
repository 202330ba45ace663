package staking

import (
	"context"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// LockedUntil is the position's governance vote lock (unix seconds; 0 when never locked): the
// program stores it as a 56-bit little-endian integer in the position's last seven bytes.
func LockedUntil(p *gen.StakePosition) int64 {
	var v int64
	for i := len(p.LockedUntil) - 1; i >= 0; i-- {
		v = v<<8 | int64(p.LockedUntil[i])
	}
	return v
}

// IsLocked reports whether a vote lock keeps p from unstaking or withdrawing at now.
func IsLocked(p *gen.StakePosition, now time.Time) bool {
	return now.Unix() < LockedUntil(p)
}

// LockPosition locks owner's position until until (staking authority only; governance does it
// by CPI at each vote).
func (c *Client) LockPosition(ctx context.Context, locker solana.PrivateKey, owner solana.PublicKey, until int64) (*solanax.Result, error) {
	ix, err := c.LockPositionInstruction(locker.PublicKey(), owner, until)
	return c.sendOne(ctx, "lock staking position", locker, ix, err)
}
