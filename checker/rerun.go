package checker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// ErrNoVerdict means the re-run cannot give a verdict the checker should stand by: the runtime
// could not run the job at all, or the run was stopped at the checker's own deadline. The
// checker then submits nothing (a missed deadline costs checker_miss_penalty; a wrong
// "mismatch" would cost checker_minority_penalty and accuse an honest worker).
var ErrNoVerdict = errors.New("no verdict from this re-run")

// Rerun is one re-execution: the job as the worker ran it (same job id, so the same
// IONET_JOB_ID; the spec's command or image; GPUs as the job asked), in dir.
type Rerun struct {
	JobID    uint64
	Spec     *jobs.Spec
	Dir      string
	Deadline time.Time
	GPUs     uint64
}

// Result is what a re-run produced: its manifest and result digest (the value the verdict
// carries).
type Result struct {
	Manifest runtime.Manifest
	Digest   [32]byte
}

// Run re-runs r with rt and digests it exactly as the worker does (runtime.BuildManifest). A run
// that exits non-zero is a result like any other (the worker may have attested the same exit);
// a run that could not start or timed out is ErrNoVerdict.
func (r Rerun) Run(ctx context.Context, rt runtime.Runtime) (Result, error) {
	task := runtime.Task{JobID: r.JobID, Spec: r.Spec, Dir: r.Dir, Deadline: r.Deadline, GPUs: r.GPUs}
	out, err := rt.Run(ctx, task)
	if err != nil {
		return Result{}, fmt.Errorf("%w: job %d could not run (%s runtime): %w", ErrNoVerdict, r.JobID, rt.Name(), err)
	}
	if out.TimedOut {
		return Result{}, fmt.Errorf("%w: job %d was still running at this checker's deadline (%s)", ErrNoVerdict, r.JobID, out.Wall.Round(time.Second))
	}
	m, digest, _, err := runtime.BuildManifest(task, out)
	if err != nil {
		return Result{}, fmt.Errorf("%w: job %d: %w", ErrNoVerdict, r.JobID, err)
	}
	return Result{Manifest: m, Digest: digest}, nil
}
