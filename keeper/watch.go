package keeper

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/gagliardetto/solana-go/rpc/ws"

	"github.com/ionet-oss/ionet/keeper/plan"
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

// watch keeps program subscriptions for every duty's program open until ctx ends, reconnecting
// with backoff after a drop and asking for a rescan each time it is back.
func (k *Keeper) watch(ctx context.Context, out chan<- update) {
	for attempt := 0; ; {
		connected, err := k.subscribe(ctx, out, attempt > 0)
		if ctx.Err() != nil {
			return
		}
		if connected {
			attempt = 0
		}
		attempt++
		wait := plan.Backoff(attempt, 250*time.Millisecond, 30*time.Second)
		k.cfg.Metrics.RPCErrors.WithLabelValues("websocket").Inc()
		k.cfg.Log.Warn("websocket subscriptions lost; reconnecting", "err", err, "retryIn", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// subscribe connects, subscribes to each program once and forwards notifications until the
// connection fails; connected reports whether the subscriptions were all established.
func (k *Keeper) subscribe(ctx context.Context, out chan<- update, reconnect bool) (connected bool, err error) {
	client, err := ws.Connect(ctx, k.cfg.WSURL)
	if err != nil {
		return false, fmt.Errorf("connect %s: %w", k.cfg.WSURL, err)
	}
	defer client.Close()
	byProgram := map[solana.PublicKey][]Duty{}
	for _, d := range k.cfg.Duties {
		byProgram[d.Program()] = append(byProgram[d.Program()], d)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	failed := make(chan error, len(byProgram))
	for program, duties := range byProgram {
		sub, err := client.ProgramSubscribeWithOpts(program, rpc.CommitmentConfirmed, solana.EncodingBase64, nil)
		if err != nil {
			return false, fmt.Errorf("programSubscribe %s: %w", program, err)
		}
		go func() {
			defer sub.Unsubscribe()
			for {
				got, err := sub.Recv(ctx)
				if err != nil {
					failed <- fmt.Errorf("program %s notifications: %w", program, err)
					return
				}
				if got == nil || got.Value.Account == nil {
					continue
				}
				for _, d := range duties {
					select {
					case out <- update{duty: d, key: got.Value.Pubkey, data: got.Value.Account.Data.GetBinary()}:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
	}
	if reconnect {
		k.cfg.Metrics.Reconnects.Inc()
		k.cfg.Log.Info("websocket subscriptions back; rescanning")
		select {
		case out <- update{resync: true}:
		case <-ctx.Done():
		}
	}
	select {
	case err := <-failed:
		return true, err
	case <-ctx.Done():
		return true, ctx.Err()
	}
}
