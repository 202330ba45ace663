package runtime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Limits are resource limits applied to a process run (0 leaves one unset).
type Limits struct {
	MemoryBytes uint64 // RLIMIT_AS (ulimit -v, KiB)
	FileBytes   uint64 // RLIMIT_FSIZE (ulimit -f, 512-byte blocks): the largest file the job may write
	OpenFiles   uint64 // RLIMIT_NOFILE (ulimit -n)
}

// Process runs the spec's command directly on the host, in its own process group, with a
// clean environment: PATH, HOME=the job directory, the spec's environment, and
// IONET_JOB_ID, IONET_OUTPUT_DIR and IONET_INPUTS (the spec's inputs, one per line).
type Process struct {
	Limits Limits
	// Grace is how long a timed-out job gets between SIGTERM and SIGKILL.
	Grace time.Duration
}

// Name is "process".
func (Process) Name() string { return "process" }

// Run runs t.Spec.Command with its output in t.Dir.
func (p Process) Run(ctx context.Context, t Task) (Outcome, error) {
	if len(t.Spec.Command) == 0 {
		return Outcome{}, errors.New("process runtime: the spec names no command (it needs the container runtime)")
	}
	if err := prepare(t); err != nil {
		return Outcome{}, err
	}
	stdout, err := os.Create(filepath.Join(t.Dir, "stdout.log"))
	if err != nil {
		return Outcome{}, fmt.Errorf("process runtime: %w", err)
	}
	defer stdout.Close()
	stderr, err := os.Create(filepath.Join(t.Dir, "stderr.log"))
	if err != nil {
		return Outcome{}, fmt.Errorf("process runtime: %w", err)
	}
	defer stderr.Close()

	runCtx, cancel := untilDeadline(ctx, t)
	defer cancel()
	argv := p.command(t.Spec.Command)
	cmd := exec.CommandContext(runCtx, argv[0], argv[1:]...)
	cmd.Dir = t.OutDir()
	cmd.Env = processEnv(t)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Stop the whole group, gently first.
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = max(p.Grace, time.Second)

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Outcome{}, fmt.Errorf("process runtime: start %q: %w", t.Spec.Command[0], err)
	}
	err = cmd.Wait()
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // anything the job left behind
	out := Outcome{Wall: time.Since(start), TimedOut: timedOut(runCtx)}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		out.ExitCode = exit.ExitCode()
		if out.ExitCode < 0 { // killed by a signal
			out.ExitCode = 128 + int(exit.Sys().(syscall.WaitStatus).Signal())
		}
	case out.TimedOut || errors.Is(err, exec.ErrWaitDelay):
		out.ExitCode = -1
	default:
		return out, fmt.Errorf("process runtime: wait for %q: %w", t.Spec.Command[0], err)
	}
	if ctx.Err() != nil && !out.TimedOut {
		return out, fmt.Errorf("process runtime: run stopped: %w", ctx.Err())
	}
	return out, nil
}

// command is the spec's command, wrapped in `/bin/sh -c 'ulimit ...; exec "$@"'` when limits
// are set, so that they hold from the job's first instruction (Go cannot set rlimits on a child
// between fork and exec).
func (p Process) command(argv []string) []string {
	var set []string
	for _, l := range []struct {
		flag string
		v    uint64
		unit uint64
	}{{"-v", p.Limits.MemoryBytes, 1024}, {"-f", p.Limits.FileBytes, 512}, {"-n", p.Limits.OpenFiles, 1}} {
		if l.v > 0 {
			set = append(set, fmt.Sprintf("ulimit %s %d", l.flag, max(l.v/l.unit, 1)))
		}
	}
	if len(set) == 0 {
		return argv
	}
	return append([]string{"/bin/sh", "-c", strings.Join(set, " && ") + ` && exec "$@"`, "ionet-job"}, argv...)
}

func processEnv(t Task) []string {
	env := []string{
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"HOME=" + t.Dir,
		fmt.Sprintf("IONET_JOB_ID=%d", t.JobID),
		"IONET_OUTPUT_DIR=" + t.OutDir(),
		"IONET_INPUTS=" + strings.Join(t.Spec.Inputs, "\n"),
	}
	keys := make([]string, 0, len(t.Spec.Environment))
	for k := range t.Spec.Environment {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		env = append(env, k+"="+t.Spec.Environment[k])
	}
	return env
}
