package keeper

import (
	"context"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/solanax/programwatch"
)

// update is an account notification for a duty, or a request for a full rescan (the
// subscriptions were down, so anything may have been missed).
type update struct {
	duty   Duty
	key    solana.PublicKey
	data   []byte
	resync bool
}

// apply feeds a notification to its duty and updates the view.
func (k *Keeper) apply(u update) {
	task, obs := u.duty.Observe(u.key, u.data)
	switch obs {
	case Pending:
		k.view[task.Name()] = task
		k.holds.Clear(task.Name()) // the account changed: worth a fresh attempt
	case Settled:
		delete(k.view, task.Name())
	}
}

// watch keeps program subscriptions for every duty's program open until ctx ends
// (programwatch: reconnecting with backoff after a drop), and asks for a rescan each time they
// are back.
func (k *Keeper) watch(ctx context.Context, out chan<- update) {
	byProgram := map[solana.PublicKey][]Duty{}
	var programs []solana.PublicKey
	for _, d := range k.cfg.Duties {
		if _, ok := byProgram[d.Program()]; !ok {
			programs = append(programs, d.Program())
		}
		byProgram[d.Program()] = append(byProgram[d.Program()], d)
	}
	send := func(ctx context.Context, u update) bool {
		select {
		case out <- u:
			return true
		case <-ctx.Done():
			return false
		}
	}
	programwatch.Run(ctx, programwatch.Options{
		WSURL: k.cfg.WSURL, Programs: programs,
		Up: func(ctx context.Context, again bool) {
			if !again {
				return
			}
			k.cfg.Metrics.Reconnects.Inc()
			k.cfg.Log.Info("websocket subscriptions back; rescanning")
			send(ctx, update{resync: true})
		},
		Lost: func(err error, retryIn time.Duration) {
			k.cfg.Metrics.RPCErrors.WithLabelValues("websocket").Inc()
			k.cfg.Log.Warn("websocket subscriptions lost; reconnecting", "err", err, "retryIn", retryIn)
		},
	}, func(ctx context.Context, n programwatch.Notification) {
		for _, d := range byProgram[n.Program] {
			if !send(ctx, update{duty: d, key: n.Account, data: n.Data}) {
				return
			}
		}
	})
}
