// Package enginetest starts a private Docker engine for tests: its own dockerd (and the
// containerd it manages) with data root, exec root, pidfile and socket in a temporary
// directory, a busybox image imported into it from Debian's busybox-static (nothing is
// pulled), and a stop by the daemon's pid that removes the directory. Where dockerd or
// busybox-static is missing, or the tests do not run as root, the test is skipped saying so,
// unless IONET_REQUIRE_DOCKER=1 (CI sets it), which makes that a failure.
package enginetest

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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
	cmd   *exec.Cmd
	log   *os.File
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
	e = &Engine{Dir: dir, Socket: filepath.Join(dir, "docker.sock")}
	defer func() {
		if err != nil {
			_ = e.Stop()
		}
	}()
	if e.log, err = os.Create(filepath.Join(dir, "dockerd.log")); err != nil {
		return e, err
	}
	ns := filepath.Base(dir)
	e.cmd = exec.Command("dockerd", "--data-root", filepath.Join(dir, "data"), "--exec-root", filepath.Join(dir, "exec"),
		"--pidfile", filepath.Join(dir, "dockerd.pid"), "--host", "unix://"+e.Socket,
		"--containerd-namespace", ns, "--containerd-plugins-namespace", ns+"-plugins",
		"--bridge", "none", "--iptables=false", "--ip6tables=false", "--ip-masq=false", "--userland-proxy=false")
	e.cmd.Stdout, e.cmd.Stderr = e.log, e.log
	e.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := e.cmd.Start(); err != nil {
		return e, fmt.Errorf("start dockerd: %w", err)
	}
	for {
		if ping(ctx, e.Socket) == nil {
			break
		}
		select {
		case <-ctx.Done():
			return e, fmt.Errorf("dockerd did not answer on %s: %w; its log:\n%s", e.Socket, ctx.Err(), e.Log())
		case <-time.After(100 * time.Millisecond):
		}
	}
	if e.Image, err = importBusybox(ctx, e.Socket); err != nil {
		return e, err
	}
	return e, nil
}

// Log is the daemon's log so far.
func (e *Engine) Log() string {
	data, _ := os.ReadFile(filepath.Join(e.Dir, "dockerd.log"))
	return string(data)
}

// Stop stops the daemon by its pid (SIGTERM, then SIGKILL after 20 s), unmounts anything it
// left under its directory, and removes the directory.
func (e *Engine) Stop() error {
	if e.cmd != nil && e.cmd.Process != nil && e.cmd.ProcessState == nil {
		_ = e.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = e.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	if e.log != nil {
		e.log.Close()
	}
	unmountUnder(e.Dir)
	return os.RemoveAll(e.Dir)
}

// unmountUnder detaches every mount below dir, deepest first.
func unmountUnder(dir string) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return
	}
	defer f.Close()
	var points []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) > 4 && strings.HasPrefix(fields[4], dir+"/") {
			points = append(points, fields[4])
		}
	}
	for i := len(points) - 1; i >= 0; i-- {
		_ = syscall.Unmount(points[i], syscall.MNT_DETACH)
	}
}

func client(socket string) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socket)
	}}}
}

func ping(ctx context.Context, socket string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://engine/_ping", nil)
	if err != nil {
		return err
	}
	res, err := client(socket).Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return errors.New(res.Status)
	}
	return nil
}

// importBusybox imports a root of /bin/busybox and its applet links as ionet-test/busybox
// (docker import) and returns the image's id.
func importBusybox(ctx context.Context, socket string) (string, error) {
	root, err := BusyboxRoot()
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		"http://engine/v1.41/images/create?fromSrc=-&repo=ionet-test/busybox&tag=1", bytes.NewReader(root))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-tar")
	res, err := client(socket).Do(req)
	if err != nil {
		return "", fmt.Errorf("import the busybox image: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("import the busybox image: %s: %s", res.Status, body)
	}
	var last struct{ Status, Error string }
	for _, line := range bytes.Split(bytes.TrimSpace(body), []byte("\n")) {
		_ = json.Unmarshal(line, &last)
		if last.Error != "" {
			return "", fmt.Errorf("import the busybox image: %s", last.Error)
		}
	}
	if !strings.HasPrefix(last.Status, "sha256:") {
		return "", fmt.Errorf("import the busybox image: no image id in %q", body)
	}
	return last.Status, nil
}

// BusyboxRoot is a tar of a minimal root: /bin/busybox with links for the shell and the
// tools the tests use, and empty /out and /tmp.
func BusyboxRoot() ([]byte, error) {
	bin, err := os.ReadFile(Busybox)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	now := time.Now()
	for _, d := range []struct {
		name string
		mode int64
	}{{"bin/", 0o755}, {"out/", 0o755}, {"tmp/", 0o1777}} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d.name, Mode: d.mode, ModTime: now}); err != nil {
			return nil, err
		}
	}
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "bin/busybox", Mode: 0o755, Size: int64(len(bin)), ModTime: now}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(bin); err != nil {
		return nil, err
	}
	for _, applet := range []string{"sh", "echo", "cat", "sleep", "yes", "head", "dd", "ls", "sha256sum", "wget", "ping", "id", "ulimit", "nproc"} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: "bin/" + applet, Linkname: "busybox", ModTime: now}); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
