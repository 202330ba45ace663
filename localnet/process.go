package localnet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a chain server running in its own process group.
type process struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser // held open: the server exits on EOF, so a dead parent stops it
	done  chan struct{}  // closed when the process has exited
	err   error          // Wait's result, valid after done
	tail  *lineTail      // last stderr lines, for error messages
	once  sync.Once
}

// startProcess runs name with args in its own process group, killed with SIGKILL if this
// process dies first. stdout and stderr lines go to onStdout and to the logger.
func startProcess(log *slog.Logger, onStdout func(string), name string, args ...string) (*process, error) {
	cmd := exec.Command(name, args...)
	// Setpgid lets Stop signal the server and anything it spawned at once. Pdeathsig covers a
	// parent killed without running Stop (kill -9 of a test binary). It fires when the OS thread
	// that forked exits; Go only retires threads of goroutines locked with LockOSThread, which
	// this package never does.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	p := &process{cmd: cmd, done: make(chan struct{}), tail: newLineTail(40)}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("localnet: stdin pipe for %s: %w", name, err)
	}
	p.stdin = stdin
	cmd.Stdout = &lineWriter{line: func(l string) {
		log.Debug(l, "stream", "stdout")
		if onStdout != nil {
			onStdout(l)
		}
	}}
	cmd.Stderr = &lineWriter{line: func(l string) {
		log.Debug(l, "stream", "stderr")
		p.tail.add(l)
	}}
	// The output copiers end when every holder of the pipes has exited; bound that wait.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("localnet: start %s: %w", name, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

func (p *process) pid() int { return p.cmd.Process.Pid }

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// describeExit says how the process ended and what it last wrote on stderr.
func (p *process) describeExit() string {
	return fmt.Sprintf("%v; last log lines:\n%s", p.err, p.tail.String())
}

// stop asks the process group to exit (SIGTERM and stdin EOF), waits up to grace, then kills it.
// An exit caused by our SIGTERM counts as clean.
func (p *process) stop(grace time.Duration) error {
	var result error
	p.once.Do(func() {
		pgid := p.pid()
		if !p.exited() {
			_ = p.stdin.Close()
			_ = syscall.Kill(-pgid, syscall.SIGTERM)
		}
		select {
		case <-p.done:
		case <-time.After(grace):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-p.done
			result = fmt.Errorf("localnet: server did not exit within %v of SIGTERM and was killed; last log lines:\n%s", grace, p.tail.String())
		}
		// Anything the server left behind in its group goes too.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		if result == nil && p.err != nil && !terminatedBy(p.err, syscall.SIGTERM) {
			result = fmt.Errorf("localnet: server exited uncleanly: %s", p.describeExit())
		}
	})
	return result
}

func terminatedBy(err error, sig syscall.Signal) bool {
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return false
	}
	status, ok := exitErr.Sys().(syscall.WaitStatus)
	return ok && status.Signaled() && status.Signal() == sig
}

// lineWriter calls line for every complete line written to it.
type lineWriter struct {
	buf  []byte
	line func(string)
}

func (w *lineWriter) Write(b []byte) (int, error) {
	w.buf = append(w.buf, b...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		w.line(strings.TrimRight(string(w.buf[:i]), "\r"))
		w.buf = w.buf[i+1:]
	}
}

// lineTail keeps the last n lines written to it.
type lineTail struct {
	mu    sync.Mutex
	n     int
	lines []string
}

func newLineTail(n int) *lineTail { return &lineTail{n: n} }

func (t *lineTail) add(l string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, l)
	if len(t.lines) > t.n {
		t.lines = t.lines[len(t.lines)-t.n:]
	}
}

func (t *lineTail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.lines) == 0 {
		return "(none)"
	}
	return strings.Join(t.lines, "\n")
}
