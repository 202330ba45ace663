package worker

import (
	"context"
	"errors"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/store"
)

// resume picks up a job the store left unfinished, checking the chain before every effect.
func (w *Worker) resume(ctx context.Context, rec store.Record) {
	w.opt.Log.Info("resuming job", "job", rec.ID, "phase", rec.Phase)
	switch rec.Phase {
	case store.Claiming:
		// The claim may or may not have landed: the chain says.
		var ok bool
		if rec, ok = w.settleClaim(ctx, rec, nil); !ok {
			return
		}
		fallthrough
	case store.Claimed:
		job, err := w.fetch(ctx, rec.ID)
		if errors.Is(err, jobs.ErrNotFound) || (err == nil && !job.DeviceKey.Equals(w.device.Key)) {
			w.finish(rec, store.GaveUp, "the job is no longer held by this device")
			return
		}
		if err != nil {
			return
		}
		if jobs.State(job.State) != jobs.StateClaimed {
			w.attested(rec, false)
			return
		}
		spec, err := w.spec(ctx, job)
		if err != nil {
			w.giveUp(rec, "cannot run it again: "+err.Error())
			return
		}
		w.execute(ctx, rec, spec) // runs it again from the start when time allows
	case store.Ran:
		w.attest(ctx, rec)
	}
	// Attested jobs are followed by followSettlements.
}
