package worker

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/worker/results"
	"github.com/ionet-oss/ionet/worker/runtime"
	"github.com/ionet-oss/ionet/worker/store"
)

// consider takes an open job when it matches this device, its price floor and a published
// spec, and the store has never seen it (a job is claimed at most once per worker); it
// reports whether it tried to claim it.
func (w *Worker) consider(ctx context.Context, job *gen.Job) bool {
	if _, seen := w.opt.Store.Get(job.Id); seen {
		return false
	}
	spec, why := w.match(ctx, job)
	if why != "" {
		if w.skipped[job.Id] != why {
			w.skipped[job.Id] = why
			w.opt.Log.Debug("job not taken", "job", job.Id, "why", why)
		}
		return false
	}
	if free := w.freeGPUs(); job.GpuCount > free {
		w.opt.Log.Debug("job not taken now", "job", job.Id, "why", fmt.Sprintf("%d GPUs wanted, %d free while other jobs run", job.GpuCount, free))
		return false
	}
	delete(w.skipped, job.Id)
	rec := store.Record{ID: job.Id, Phase: store.Claiming, Mint: w.mints[job.Mint], PricePerHour: job.PricePerHour,
		MaxSeconds: job.MaxDurationSeconds, GPUs: job.GpuCount}
	if err := w.opt.Store.Put(rec); err != nil {
		w.opt.Log.Error("cannot record the claim; not claiming", "job", job.Id, "err", err)
		return false
	}
	// The run holds its GPUs from the claim on, so the next pass does not overbook the device.
	w.spawn(job.Id, max(job.GpuCount, 1), func() {
		if rec, ok := w.claim(ctx, rec); ok {
			w.execute(ctx, rec, spec)
		}
	})
	return true
}

// match is the job's verified spec, or why the job is not for this worker.
func (w *Worker) match(ctx context.Context, job *gen.Job) (*jobs.Spec, string) {
	switch {
	case job.GpuClass != w.device.Class:
		return nil, fmt.Sprintf("class %d, this device is %s (%d)", job.GpuClass, w.device.Name, w.device.Class)
	case job.GpuCount > w.device.GPUCount:
		return nil, fmt.Sprintf("%d GPUs wanted, this device has %d", job.GpuCount, w.device.GPUCount)
	case w.mints[job.Mint] == "":
		return nil, fmt.Sprintf("paid in unknown mint %s", job.Mint)
	case job.PricePerHour < w.opt.PriceFloor[job.Mint]:
		return nil, fmt.Sprintf("price %d per hour is below the floor %d", job.PricePerHour, w.opt.PriceFloor[job.Mint])
	}
	spec, err := w.spec(ctx, job)
	if err != nil {
		return nil, err.Error()
	}
	return spec, ""
}

// claim claims the job; on any doubt it reads the job back, so a claim that landed despite
// an error is still ours and one that lost the race is let go.
func (w *Worker) claim(ctx context.Context, rec store.Record) (store.Record, bool) {
	err := retry(ctx, "claim", w.opt.Metrics, w.opt.Log, func() error {
		_, err := w.jc.ClaimJob(ctx, w.opt.Owner, w.opt.Device, rec.ID)
		return err
	})
	return w.settleClaim(ctx, rec, err)
}

// settleClaim decides from the chain whether a claim (that returned claimErr) is held.
func (w *Worker) settleClaim(ctx context.Context, rec store.Record, claimErr error) (store.Record, bool) {
	job, err := w.fetch(ctx, rec.ID)
	switch {
	case errors.Is(err, jobs.ErrNotFound):
		return rec, w.finish(rec, store.Cancelled, "closed before this device claimed it")
	case err != nil:
		w.opt.Log.Warn("cannot read the job after claiming; will check again", "job", rec.ID, "err", err)
		return rec, false
	case jobs.State(job.State) == jobs.StateOpen:
		why := "the claim did not land"
		if claimErr != nil {
			why = "the claim was refused: " + claimErr.Error()
		}
		return rec, w.finish(rec, store.Lost, why)
	case !job.DeviceKey.Equals(w.device.Key):
		return rec, w.finish(rec, store.Lost, "another device claimed it first")
	}
	rec.ClaimedTs, rec.Phase = job.ClaimedTs, store.Claimed
	if err := w.opt.Store.Put(rec); err != nil {
		w.opt.Log.Error("cannot record the claim", "job", rec.ID, "err", err)
	}
	w.opt.Metrics.Jobs.WithLabelValues(string(store.Claimed)).Inc()
	if delay := float64(job.ClaimedTs - job.CreatedTs); delay >= 0 {
		w.opt.Metrics.ClaimDelay.Observe(delay)
	}
	w.opt.Log.Info("job claimed", "job", rec.ID, "mint", rec.Mint, "pricePerHour", rec.PricePerHour)
	return rec, true
}

// execute runs a claimed job, delivers its results and attests it: a success as a result,
// a run that failed, timed out, could not start or could not deliver as a failure (the buyer is
// refunded at once and the device takes no penalty). It never attests work that was not done.
func (w *Worker) execute(ctx context.Context, rec store.Record, spec *jobs.Spec) {
	now, err := w.chainTime(ctx)
	if err != nil {
		return // still Claimed: the next start resumes it
	}
	left := time.Duration(rec.ClaimedTs+int64(rec.MaxSeconds)-now)*time.Second - w.opt.Margin
	if left <= 0 {
		w.giveUp(rec, "no time left before the job's deadline")
		return
	}
	task := runtime.Task{JobID: rec.ID, Spec: spec, Dir: w.jobDir(rec.ID), Deadline: time.Now().Add(left)}
	if len(w.opt.GPUs.GPUs) > 0 { // a CPU-only host has no GPUs to hand the job
		task.GPUs = max(rec.GPUs, 1)
	}
	runCtx, cancel := withGrace(ctx, w.opt.ShutdownGrace)
	defer cancel()
	started := max(now, rec.ClaimedTs)
	ext := make(chan time.Time)
	task.Extended = ext
	watchCtx, stopWatch := context.WithCancel(runCtx)
	go w.followExtensions(watchCtx, rec, ext)
	w.opt.Log.Info("job running", "job", rec.ID, "runtime", w.opt.Runtime.Name(), "deadlineIn", left)
	outcome, err := w.opt.Runtime.Run(runCtx, task)
	stopWatch()
	if cur, ok := w.opt.Store.Get(rec.ID); ok {
		rec.MaxSeconds = cur.MaxSeconds // an extension recorded while it ran
	}
	if err != nil && runCtx.Err() != nil {
		w.opt.Log.Warn("job run interrupted by shutdown; a restart runs it again if time allows", "job", rec.ID)
		return
	}
	failure := ""
	switch {
	case err != nil:
		failure = "runtime: " + err.Error()
		if outcome, err = runtime.RecordFailure(task, err); err != nil {
			w.giveUp(rec, failure+"; "+err.Error())
			return
		}
	case outcome.TimedOut:
		failure = fmt.Sprintf("timed out after %s, before the job's deadline", outcome.Wall.Round(time.Second))
	case outcome.ExitCode != 0:
		failure = fmt.Sprintf("exited with code %d (see %s)", outcome.ExitCode, filepath.Join(task.Dir, "stderr.log"))
	}
	_, result, digest, err := runtime.BuildManifest(task, outcome)
	if err != nil {
		w.giveUp(rec, err.Error())
		return
	}
	if spec.Output != nil { // a failed run's logs are delivered too
		if err := w.deliver(ctx, task, *spec.Output); err != nil && failure == "" {
			failure = "outputs not delivered: " + err.Error()
		} else if err != nil {
			w.opt.Log.Warn("logs of the failed run not delivered", "job", rec.ID, "err", err)
		}
	}
	// The attestation must land, so it no longer depends on the shutdown signal.
	ctx = context.WithoutCancel(ctx)
	ended, err := w.chainTime(ctx)
	if err != nil {
		return
	}
	rec.Phase, rec.StartedTs, rec.EndedTs = store.Ran, started, max(ended, started)
	// The chain gets the sealed digest: a checker must re-run to reveal a matching preimage.
	rec.ResultHash, rec.MetricsDigest = jobs.SealResult(result), digest
	rec.Failed, rec.Reason = failure != "", failure
	if rec.Failed {
		w.opt.Log.Warn("job run failed; attesting the failure (the buyer is refunded, no penalty)", "job", rec.ID, "why", failure)
	}
	if err := w.opt.Store.Put(rec); err != nil {
		w.opt.Log.Error("cannot record the result; not attesting", "job", rec.ID, "err", err)
		return
	}
	w.attest(ctx, rec)
}

// attest submits the recorded result unless the chain already holds an attestation.
func (w *Worker) attest(ctx context.Context, rec store.Record) {
	job, err := w.fetch(ctx, rec.ID)
	switch {
	case errors.Is(err, jobs.ErrNotFound):
		w.finish(rec, store.GaveUp, "the job closed before it was attested (expired or resolved)")
		return
	case err != nil:
		w.opt.Log.Warn("cannot read the job before attesting; will retry", "job", rec.ID, "err", err)
		return
	case !job.DeviceKey.Equals(w.device.Key):
		w.finish(rec, store.Lost, "the job is held by another device")
		return
	case jobs.State(job.State) != jobs.StateClaimed: // the attestation already landed
		w.attested(rec, job.ResultHash == rec.ResultHash)
		return
	}
	a := jobs.Attestation{ResultHash: rec.ResultHash, StartedTs: rec.StartedTs, EndedTs: rec.EndedTs, MetricsDigest: rec.MetricsDigest}
	err = retry(ctx, "attest", w.opt.Metrics, w.opt.Log, func() error {
		var err error
		if rec.Failed {
			_, err = w.jc.AttestFailure(ctx, w.opt.Owner, w.opt.Device, rec.ID, a)
		} else {
			_, err = w.jc.SubmitAttestation(ctx, w.opt.Owner, w.opt.Device, rec.ID, a)
		}
		return err
	})
	if err == nil {
		w.attested(rec, true)
		return
	}
	if job, ferr := w.fetch(ctx, rec.ID); ferr == nil && jobs.State(job.State) != jobs.StateClaimed {
		w.attested(rec, job.ResultHash == rec.ResultHash)
		return
	}
	if definite(err) {
		w.giveUp(rec, "attestation refused: "+err.Error())
		return
	}
	w.opt.Log.Warn("attestation not sent; the next pass retries", "job", rec.ID, "err", err)
}

func (w *Worker) attested(rec store.Record, ours bool) {
	if !ours {
		w.opt.Log.Error("the job holds an attestation with another result hash", "job", rec.ID)
	}
	rec.Phase = store.Attested
	if err := w.opt.Store.Put(rec); err != nil {
		w.opt.Log.Error("cannot record the attestation", "job", rec.ID, "err", err)
		return
	}
	w.opt.Metrics.Jobs.WithLabelValues(string(store.Attested)).Inc()
	w.opt.Log.Info("job attested", "job", rec.ID, "failed", rec.Failed, "resultHash", fmt.Sprintf("%x", rec.ResultHash), "startedTs", rec.StartedTs, "endedTs", rec.EndedTs)
}

// giveUp stops working on a held job without attesting: it expires at its deadline.
func (w *Worker) giveUp(rec store.Record, why string) {
	w.opt.Log.Warn("giving the job up: it will expire unattested", "job", rec.ID, "why", why)
	w.finish(rec, store.GaveUp, why)
}

// finish records a final phase; it reports false (nothing to go on with).
func (w *Worker) finish(rec store.Record, phase store.Phase, why string) bool {
	rec.Phase, rec.Reason = phase, why
	if err := w.opt.Store.Put(rec); err != nil {
		w.opt.Log.Error("cannot record the job's end", "job", rec.ID, "err", err)
	}
	w.opt.Metrics.Jobs.WithLabelValues(string(phase)).Inc()
	if phase == store.Lost || phase == store.Cancelled {
		w.opt.Log.Info("job not ours", "job", rec.ID, "why", why)
	}
	return false
}

func (w *Worker) fetch(ctx context.Context, id uint64) (*gen.Job, error) {
	var job *gen.Job
	err := retry(ctx, "fetch", w.opt.Metrics, w.opt.Log, func() error {
		var err error
		job, err = w.jc.FetchJob(ctx, id)
		return err
	})
	if err == nil {
		w.opt.Metrics.ChainOK()
	}
	return job, err
}

func (w *Worker) jobDir(id uint64) string {
	return filepath.Join(w.opt.WorkDir, "jobs", fmt.Sprint(id))
}

// withGrace is a context that ends grace after parent ends.
func withGrace(parent context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	stop := context.AfterFunc(parent, func() {
		t := time.AfterFunc(grace, cancel)
		context.AfterFunc(ctx, func() { t.Stop() })
	})
	return ctx, func() { stop(); cancel() }
}

// deliver packs the run's results and uploads them to the spec's output target; the archive
// holds exactly the manifest's files, so the attested hash covers what the buyer receives.
func (w *Worker) deliver(ctx context.Context, task runtime.Task, out jobs.Output) error {
	path, size, err := results.Pack(task.Dir)
	if err != nil {
		return err
	}
	w.opt.Log.Info("uploading results", "job", task.JobID, "target", results.Redact(out.URL), "bytes", size)
	return w.opt.Uploader.Put(ctx, out, path)
}
