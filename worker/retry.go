package worker

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/worker/metrics"
)

// Retry limits for RPC faults.
const (
	retryAttempts = 6
	retryFirst    = 250 * time.Millisecond
	retryMax      = 10 * time.Second
)

// retry runs f until it succeeds, fails with an answer from the chain (a program error or a
// failed transaction: trying again would not change it), ctx ends, or the attempts run out,
// waiting exponentially longer between attempts.
func retry(ctx context.Context, op string, m *metrics.Metrics, log *slog.Logger, f func() error) error {
	wait := retryFirst
	for attempt := 1; ; attempt++ {
		err := f()
		if err == nil || definite(err) || attempt == retryAttempts || ctx.Err() != nil {
			return err
		}
		m.ChainFailed(op, err)
		log.Warn("RPC fault; retrying", "op", op, "attempt", attempt, "retryIn", wait, "err", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, retryMax)
	}
}

// definite reports whether err is the chain's answer rather than a failure to reach it.
func definite(err error) bool {
	var pe *anchor.ProgramError
	var te *solanax.TxError
	return errors.As(err, &pe) || errors.As(err, &te) || errors.Is(err, anchor.ErrNotFound)
}
