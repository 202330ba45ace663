package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
)

// StakeChange is one change of a device's stake, with the job behind it when a job's end
// slashed it.
type StakeChange struct {
	Signature string    `json:"signature"`
	Time      time.Time `json:"time"`
	// Kind is staked, unstaked or slashed.
	Kind   string  `json:"kind"`
	Amount uint64  `json:"amount"`
	Job    *uint64 `json:"job,omitempty"`
	// Why says what a slash was for ("job 7 expired unattested").
	Why string `json:"why,omitempty"`
}

// DeviceHistory reads the device's last limit transactions (newest first) and returns the
// stake changes they made: stakes, unstakes, and slashes with the job whose expiry or fraud
// ruling caused each.
func (c *Client) DeviceHistory(ctx context.Context, deviceKey solana.PublicKey, limit int) ([]StakeChange, error) {
	addr, err := staking.DeviceAddress(c.Staking.ProgramID, deviceKey)
	if err != nil {
		return nil, err
	}
	sigs, err := c.sx.RPC.GetSignaturesForAddressWithOpts(ctx, addr, &rpc.GetSignaturesForAddressOpts{Limit: &limit, Commitment: rpc.CommitmentConfirmed})
	if err != nil {
		return nil, fmt.Errorf("device history: %w", solanax.WrapRPCError("getSignaturesForAddress", err))
	}
	var out []StakeChange
	for _, s := range sigs {
		if s.Err != nil {
			continue
		}
		details, err := c.sx.TransactionDetails(ctx, s.Signature)
		if err != nil {
			return nil, fmt.Errorf("device history: %w", err)
		}
		var at time.Time
		if s.BlockTime != nil {
			at = s.BlockTime.Time().UTC()
		}
		var closed *gen.JobClosed
		for _, ev := range Events(details.Logs, c.ProgramID) {
			if jc, ok := ev.(*gen.JobClosed); ok {
				closed = jc
			}
		}
		for _, ev := range staking.Events(details.Logs, c.Staking.ProgramID) {
			ch := StakeChange{Signature: s.Signature.String(), Time: at}
			switch e := ev.(type) {
			case *stakinggen.DeviceStaked:
				if e.DeviceKey != deviceKey {
					continue
				}
				ch.Kind, ch.Amount = "staked", e.Amount
			case *stakinggen.DeviceUnstaked:
				if e.DeviceKey != deviceKey {
					continue
				}
				ch.Kind, ch.Amount = "unstaked", e.Amount
			case *stakinggen.Slashed:
				if e.DeviceKey != deviceKey {
					continue
				}
				ch.Kind, ch.Amount, ch.Why = "slashed", e.Amount, "slashed by "+e.Slasher.String()
				if closed != nil {
					id := closed.JobId
					ch.Job, ch.Why = &id, slashReason(id, Outcome(closed.Outcome))
				}
			default:
				continue
			}
			out = append(out, ch)
		}
	}
	return out, nil
}

func slashReason(id uint64, o Outcome) string {
	switch o {
	case OutcomeExpired:
		return fmt.Sprintf("job %d expired unattested", id)
	case OutcomeFraud:
		return fmt.Sprintf("job %d: its attestation was ruled fraudulent (by the arbiter, or by the majority of its audit's checkers)", id)
	}
	return fmt.Sprintf("job %d closed (outcome %d)", id, o)
}
