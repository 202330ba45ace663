package worker

import (
	"context"
	"time"

	"github.com/ionet-oss/ionet/worker/store"
)

// followExtensions watches a running job until ctx ends: when its buyer extends it (a longer
// maximum duration on-chain), the new deadline goes to the run on ext and the record keeps the
// new maximum, so a restart computes the same deadline.
func (w *Worker) followExtensions(ctx context.Context, rec store.Record, ext chan<- time.Time) {
	tick := time.NewTicker(w.opt.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		job, err := w.jc.FetchJob(ctx, rec.ID)
		if err != nil || job.MaxDurationSeconds <= rec.MaxSeconds {
			continue
		}
		now, err := w.chainTime(ctx)
		if err != nil {
			continue
		}
		rec.MaxSeconds = job.MaxDurationSeconds
		if cur, ok := w.opt.Store.Get(rec.ID); ok {
			cur.MaxSeconds = rec.MaxSeconds
			if err := w.opt.Store.Put(cur); err != nil {
				w.opt.Log.Warn("cannot record the job's extension", "job", rec.ID, "err", err)
			}
		}
		left := time.Duration(rec.ClaimedTs+int64(rec.MaxSeconds)-now)*time.Second - w.opt.Margin
		w.opt.Log.Info("job extended by its buyer; the run goes on", "job", rec.ID, "maxSeconds", rec.MaxSeconds, "deadlineIn", left)
		select {
		case ext <- time.Now().Add(left):
		case <-ctx.Done():
			return
		}
	}
}
