// Package programwatch keeps websocket program subscriptions open for a daemon (the keeper's
// duties, the worker's open jobs): it subscribes to each program, hands every account
// notification to the caller, reconnects with backoff after a drop and says when it is back
// (anything may have been missed meanwhile, so the caller rescans).
package programwatch

import (
	"context"
	"fmt"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/gagliardetto/solana-go/rpc/ws"
)

// Default backoff between connection attempts: 250 ms, doubling, at most 30 s; it starts
// again from the first once every subscription is up.
const (
	DefaultFirstRetry = 250 * time.Millisecond
	DefaultMaxRetry   = 30 * time.Second
)

// Notification is an account of a watched program, as a notification carries it.
type Notification struct {
	Program, Account solana.PublicKey
	Data             []byte
}

// Options say what to watch and whom to tell.
type Options struct {
	WSURL    string
	Programs []solana.PublicKey // each subscribed once, at confirmed commitment
	// Up, when set, is called each time every subscription is established: again is false
	// the first time and true after a drop (notifications may have been missed).
	Up func(ctx context.Context, again bool)
	// Lost, when set, is called after the connection or a subscription failed (not when ctx
	// ended), with the wait before the next attempt.
	Lost func(err error, retryIn time.Duration)
	// FirstRetry and MaxRetry bound the backoff (zero: the defaults).
	FirstRetry, MaxRetry time.Duration
}

// Run watches until ctx ends. notify gets every notification that carries an account; it is
// called from one goroutine per program and may block (until ctx ends).
func Run(ctx context.Context, opt Options, notify func(context.Context, Notification)) {
	first, limit := opt.FirstRetry, opt.MaxRetry
	if first <= 0 {
		first = DefaultFirstRetry
	}
	if limit <= 0 {
		limit = DefaultMaxRetry
	}
	wait, again := first, false
	for {
		connected, err := subscribe(ctx, opt, again, notify)
		if ctx.Err() != nil {
			return
		}
		if connected {
			wait = first
		}
		again = true
		if opt.Lost != nil {
			opt.Lost(err, wait)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, limit)
	}
}

// subscribe connects, subscribes to each program and forwards notifications until the
// connection fails; connected reports whether every subscription was established.
func subscribe(ctx context.Context, opt Options, again bool, notify func(context.Context, Notification)) (connected bool, err error) {
	client, err := ws.Connect(ctx, opt.WSURL)
	if err != nil {
		return false, fmt.Errorf("connect %s: %w", opt.WSURL, err)
	}
	defer client.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	failed := make(chan error, len(opt.Programs))
	seen := map[solana.PublicKey]bool{}
	for _, program := range opt.Programs {
		if seen[program] {
			continue
		}
		seen[program] = true
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
				notify(ctx, Notification{Program: program, Account: got.Value.Pubkey, Data: got.Value.Account.Data.GetBinary()})
				if ctx.Err() != nil {
					return
				}
			}
		}()
	}
	if opt.Up != nil {
		opt.Up(ctx, again)
	}
	select {
	case err := <-failed:
		return true, err
	case <-ctx.Done():
		return true, ctx.Err()
	}
}
