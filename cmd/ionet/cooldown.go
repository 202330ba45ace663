package main

import (
	"fmt"
	"time"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Stake cooldowns, as the stake and device commands explain and show them.

// cooldownHints explain the cooldown errors of a withdraw (withdraw and unstake name the
// commands that act on these cooldowns).
func cooldownHints(cooldowns []gen.Cooldown, now time.Time, withdraw, unstake string) hints {
	h := hints{gen.Error_NothingToWithdraw: fmt.Sprintf("nothing is cooling down: `%s` starts a cooldown", unstake)}
	var next *gen.Cooldown
	for i, cd := range cooldowns {
		if cd.Amount > 0 && (next == nil || cd.UnlockTs < next.UnlockTs) {
			next = &cooldowns[i]
		}
	}
	if next != nil {
		h[gen.Error_CooldownNotElapsed] = fmt.Sprintf("nothing to withdraw yet: %s IO unlocks at %s; run `%s` then",
			ioText(next.Amount), when(unix(next.UnlockTs), now), withdraw)
		h[gen.Error_CooldownSlotsFull] = fmt.Sprintf("every cooldown slot is in use: the next one, %s IO, unlocks at %s; run `%s` then to free it",
			ioText(next.Amount), when(unix(next.UnlockTs), now), withdraw)
	}
	return h
}

// cooldownReport is one cooldown slot in use, for `stake show` and `device show`.
type cooldownReport struct {
	Amount   cli.Amount `json:"amount"` // IO
	UnlockAt time.Time  `json:"unlockAt"`
	Ready    bool       `json:"ready"`
}

func cooldownReports(slots []gen.Cooldown, now time.Time) []cooldownReport {
	out := []cooldownReport{}
	for _, s := range slots {
		if s.Amount == 0 {
			continue
		}
		at := time.Unix(s.UnlockTs, 0).UTC()
		out = append(out, cooldownReport{Amount: cli.IO(s.Amount), UnlockAt: at, Ready: !at.After(now)})
	}
	return out
}
