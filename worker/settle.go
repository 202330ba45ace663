package worker

import (
	"context"
	"errors"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/store"
)

// followSettlements checks the attested jobs: a job account that has closed was settled (or,
// after a challenge, resolved). The payment of a settled job is price x elapsed, the program's
// rule, mirrored by jobs.PayFor.
func (w *Worker) followSettlements(ctx context.Context) {
	for _, rec := range w.opt.Store.Open() {
		if rec.Phase != store.Attested {
			continue
		}
		job, err := w.jc.FetchJob(ctx, rec.ID)
		if err == nil {
			if jobs.State(job.State) == jobs.StateChallenged && rec.Reason == "" {
				rec.Reason = "challenged"
				_ = w.opt.Store.Put(rec)
				w.opt.Log.Warn("attested job challenged; the arbiter decides", "job", rec.ID)
			}
			continue
		}
		if !errors.Is(err, jobs.ErrNotFound) {
			w.rpcFailed("fetch", err)
			continue
		}
		if rec.Reason != "challenged" && !rec.Failed { // a failed run is paid nothing
			elapsed := uint64(rec.EndedTs - rec.StartedTs)
			rec.Paid, _ = jobs.PayFor(rec.PricePerHour, min(elapsed, rec.MaxSeconds))
			w.opt.Metrics.Earnings.WithLabelValues("jobs", rec.Mint).Add(float64(rec.Paid))
		}
		w.finish(rec, store.Settled, rec.Reason)
		w.opt.Log.Info("job settled", "job", rec.ID, "mint", rec.Mint, "paid", rec.Paid)
	}
}
