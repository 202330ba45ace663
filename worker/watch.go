package worker

import (
	"context"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/gagliardetto/solana-go/rpc/ws"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// watch subscribes to the jobs program and wakes the loop whenever an open job appears or
// changes, reconnecting with backoff after a drop; the loop's polling covers the gaps.
func (w *Worker) watch(ctx context.Context, wake chan<- struct{}) {
	wait := retryFirst
	for ctx.Err() == nil {
		err := w.subscribe(ctx, wake, func() { wait = retryFirst })
		if ctx.Err() != nil {
			return
		}
		w.rpcFailed("websocket", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

func (w *Worker) subscribe(ctx context.Context, wake chan<- struct{}, connected func()) error {
	conn, err := ws.Connect(ctx, w.opt.WSURL)
	if err != nil {
		return err
	}
	defer conn.Close()
	sub, err := conn.ProgramSubscribeWithOpts(w.jc.ProgramID, rpc.CommitmentConfirmed, solana.EncodingBase64, nil)
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	connected()
	select { // anything may have been missed while down
	case wake <- struct{}{}:
	default:
	}
	for {
		res, err := sub.Recv(ctx)
		if err != nil {
			return err
		}
		job, err := gen.ParseAccount_Job(res.Value.Account.Data.GetBinary())
		if err != nil || jobs.State(job.State) != jobs.StateOpen {
			continue // not a job, or not one to take
		}
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}
