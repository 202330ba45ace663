// Package runtime runs a verified job spec and hashes what it produced. Runtimes share one
// interface: the process runtime runs the spec's command on the host; the container runtime
// asks a Docker-compatible engine to run the spec's image. Neither decides whether a run
// counts: they report what happened (exit code, times, logs) and the worker decides.
package runtime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ionet-oss/ionet/client/jobs"
)

// Task is one run: the spec, where its files go, and when it must have stopped.
type Task struct {
	JobID    uint64
	Spec     *jobs.Spec
	Dir      string    // the job's directory: Dir/out for outputs, Dir/stdout.log, Dir/stderr.log
	Deadline time.Time // the run is stopped at this wall-clock time
	// Extended carries later deadlines while the run goes on (the buyer extended the job);
	// nil keeps Deadline.
	Extended <-chan time.Time
	GPUs     uint64 // GPUs the job asked for (the container runtime requests them)
}

// OutDir is where the job writes its outputs.
func (t Task) OutDir() string { return filepath.Join(t.Dir, "out") }

// Outcome is what a run did. TimedOut runs and runs that could not start are not successes.
type Outcome struct {
	ExitCode int           `json:"exitCode"`
	TimedOut bool          `json:"timedOut"`
	Wall     time.Duration `json:"wall"`
}

// Succeeded reports whether the job ran to completion with exit code 0.
func (o Outcome) Succeeded() bool { return !o.TimedOut && o.ExitCode == 0 }

// Runtime runs tasks.
type Runtime interface {
	Name() string
	// Run runs t to its end or its deadline; an error means it could not be run at all.
	Run(ctx context.Context, t Task) (Outcome, error)
}

// prepare empties and creates the task's directories (a rerun after a crash starts clean).
func prepare(t Task) error {
	if err := os.RemoveAll(t.Dir); err != nil {
		return fmt.Errorf("clear job directory: %w", err)
	}
	if err := os.MkdirAll(t.OutDir(), 0o755); err != nil {
		return fmt.Errorf("create job directory: %w", err)
	}
	return nil
}

// RecordFailure leaves the task's directory as a run that could not start: empty outputs and
// stdout, and the reason in stderr.log, so that its failure can be manifested and attested.
func RecordFailure(t Task, cause error) (Outcome, error) {
	if err := os.MkdirAll(t.OutDir(), 0o755); err != nil {
		return Outcome{}, fmt.Errorf("record the failure: %w", err)
	}
	for name, text := range map[string]string{"stdout.log": "", "stderr.log": "ionet-worker: the job could not run: " + cause.Error() + "\n"} {
		if err := os.WriteFile(filepath.Join(t.Dir, name), []byte(text), 0o644); err != nil {
			return Outcome{}, fmt.Errorf("record the failure: %w", err)
		}
	}
	return Outcome{ExitCode: -1}, nil
}

// errDeadline is the cause of a run context ended by the task's deadline.
var errDeadline = errors.New("the job's deadline passed")

// untilDeadline is ctx ended at t.Deadline, which each later time received on t.Extended moves.
func untilDeadline(ctx context.Context, t Task) (context.Context, context.CancelFunc) {
	run, cancel := context.WithCancelCause(ctx)
	go func() {
		deadline, extended := t.Deadline, t.Extended
		timer := time.NewTimer(time.Until(deadline))
		defer timer.Stop()
		for {
			select {
			case <-run.Done():
				return
			case <-timer.C:
				cancel(errDeadline)
				return
			case later, ok := <-extended:
				if !ok {
					extended = nil
				} else if later.After(deadline) {
					deadline = later
					timer.Reset(time.Until(deadline))
				}
			}
		}
	}()
	return run, func() { cancel(context.Canceled) }
}

// timedOut reports whether run (from untilDeadline) ended at the task's deadline.
func timedOut(run context.Context) bool { return errors.Is(context.Cause(run), errDeadline) }
