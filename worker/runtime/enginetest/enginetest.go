// Package enginetest starts a private Docker engine for tests through scripts/dockerd.sh: its
// own dockerd (and the containerd it manages) with data root, exec root, pidfile and socket in a
// temporary directory, a busybox image imported into it from Debian's busybox-static (nothing is
// pulled), and a stop by the daemon's pid that removes the directory. Where dockerd or
// busybox-static is missing, or the tests do not run as root, the test is skipped saying so,
// unless IONET_REQUIRE_DOCKER=1 (CI sets it), which makes that a failure.
package enginetest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// RequireEnv names the variable that turns a skip into a failure.
const RequireEnv = "IONET_REQUIRE_DOCKER"

// Busybox is where Debian's busybox-static installs its static binary.
const Busybox = "/bin/busybox"

// Engine is a running private dockerd.
type Engine struct {
	Dir    string // everything the engine keeps
	Socket string // its API socket
	// Image is the id (sha256:...) of the busybox image imported into it.
	Image string
}

// Start starts an engine for t, stopped when t ends; it skips t (or fails it, under
// IONET_REQUIRE_DOCKER=1) where no engine can run here.
func Start(t testing.TB) *Engine {
	t.Helper()
	if chrooted() {
		// Not something make deps can fix, so it skips even under IONET_REQUIRE_DOCKER=1.
		t.Skip("container engine tests skipped: this process runs inside a chroot (as ../shared/tools/fresh-ci runs CI), where runc cannot set up a container's root; CI on a machine runs them")
	}
	if why := missing(); why != "" {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("%s (%s=1 requires the engine: run make deps as root)", why, RequireEnv)
		}
		t.Skipf("container engine tests skipped: %s (make deps installs docker.io and busybox-static; run as root)", why)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e, err := start(ctx)
	if err != nil {
		t.Fatalf("start a private dockerd: %v", err)
	}
	t.Cleanup(func() {
		if err := e.Stop(); err != nil {
			t.Errorf("stop the private dockerd: %v", err)
		}
	})
	return e
}

func missing() string {
	if _, err := exec.LookPath("dockerd"); err != nil {
		return "dockerd is not installed"
	}
	if _, err := exec.LookPath("curl"); err != nil {
		return "curl is not installed (scripts/dockerd.sh talks to the engine with it)"
	}
	if _, err := os.Stat(Busybox); err != nil {
		return "busybox-static is not installed (" + Busybox + ")"
	}
	if os.Geteuid() != 0 {
		return "dockerd needs root and the tests run as uid " + fmt.Sprint(os.Geteuid())
	}
	return ""
}

func start(ctx context.Context) (e *Engine, err error) {
	// A short path: the unix sockets inside must stay under the 108-byte limit.
	dir, err := os.MkdirTemp("", "ionet-dockerd-")
	if err != nil {
		return nil, err
	}
	e = &Engine{Dir: dir}
	defer func() {
		if err != nil {
			_ = e.Stop()
		}
	}()
	out, err := exec.CommandContext(ctx, script(), "start", dir).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return e, fmt.Errorf("scripts/dockerd.sh start: %w: %s", err, exit.Stderr)
		}
		return e, fmt.Errorf("scripts/dockerd.sh start: %w", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "socket "); ok {
			e.Socket = v
		} else if v, ok := strings.CutPrefix(line, "image "); ok {
			e.Image = v
		}
	}
	if e.Socket == "" || !strings.HasPrefix(e.Image, "sha256:") {
		return e, fmt.Errorf("scripts/dockerd.sh start printed no socket and image: %q", out)
	}
	return e, nil
}

// script is scripts/dockerd.sh of this checkout: the one way the project starts and stops a
// private engine (the demo uses it too).
func script() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "dockerd.sh")
}

// Log is the daemon's log so far.
func (e *Engine) Log() string {
	data, _ := os.ReadFile(filepath.Join(e.Dir, "dockerd.log"))
	return string(data)
}

// Stop stops the daemon by its pid, unmounts anything it left under its directory and removes
// the directory (scripts/dockerd.sh stop).
func (e *Engine) Stop() error {
	if out, err := exec.Command(script(), "stop", e.Dir).CombinedOutput(); err != nil {
		return fmt.Errorf("scripts/dockerd.sh stop: %w: %s", err, out)
	}
	return nil
}

// chrooted reports whether this process's root is no mount point, as in a chroot into a plain
// directory: runc cannot prepare a container's root there. /proc/self/mountinfo lists only the
// mounts reachable from the process's root, by their path from it.
func chrooted() bool {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if fields := strings.Fields(line); len(fields) > 4 && fields[4] == "/" {
			return false
		}
	}
	return true
}
