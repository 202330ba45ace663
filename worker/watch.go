package worker

import (
	"context"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax/programwatch"
)

// watch subscribes to the jobs program and wakes the loop whenever an open job appears or
// changes, and each time the subscription is (back) up (anything may have been missed while
// down); programwatch reconnects with backoff after a drop, the loop's polling covers the gaps.
func (w *Worker) watch(ctx context.Context, wake chan<- struct{}) {
	poke := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	programwatch.Run(ctx, programwatch.Options{
		WSURL: w.opt.WSURL, Programs: []solana.PublicKey{w.jc.ProgramID},
		FirstRetry: retryFirst,
		Up:         func(context.Context, bool) { poke() },
		Lost:       func(err error, _ time.Duration) { w.rpcFailed("websocket", err) },
	}, func(_ context.Context, n programwatch.Notification) {
		job, err := gen.ParseAccount_Job(n.Data)
		if err != nil || jobs.State(job.State) != jobs.StateOpen {
			return // not a job, or not one to take
		}
		poke()
	})
}
