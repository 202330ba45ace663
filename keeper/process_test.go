package keeper_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

// keeperBinDir holds the keeper binary built for this run; TestMain removes it.
var keeperBinDir string

// keeperBinary builds cmd/ionet-keeper once per test run.
var keeperBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ionet-keeper-test-")
	if err != nil {
		return "", err
	}
	keeperBinDir = dir
	bin := filepath.Join(dir, "ionet-keeper")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/ionet-keeper").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/ionet-keeper: %v\n%s", err, out)
	}
	return bin, nil
})

// keeperProc is one ionet-keeper process; its JSON log (stderr) goes to a file that outlives it.
type keeperProc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

// keypairFile writes key in the Solana CLI's format.
func keypairFile(t testing.TB, key solana.PrivateKey) string {
	path := filepath.Join(t.TempDir(), "keeper.json")
	ints := make([]int, len(key))
	for i, b := range key {
		ints[i] = int(b)
	}
	data, err := json.Marshal(ints)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

// startKeeper runs ionet-keeper against the world's chain, paid by key, with a fast tick.
func (w *world) startKeeper(name string, key solana.PrivateKey, extra ...string) *keeperProc {
	bin, err := keeperBinary()
	require.NoError(w.t, err)
	logPath := filepath.Join(w.t.TempDir(), name+".log")
	logFile, err := os.Create(logPath)
	require.NoError(w.t, err)
	args := append([]string{"--url", w.chain.RPCURL, "--keypair", keypairFile(w.t, key),
		"--tick", "200ms", "--rescan", "3s", "--listen", "127.0.0.1:0", "--priority-fee", "1000"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stderr, cmd.Stdout = logFile, logFile
	cmd.Env = append(os.Environ(), "HOME="+w.t.TempDir())
	require.NoError(w.t, cmd.Start())
	p := &keeperProc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		_ = logFile.Close()
		close(p.done)
	}()
	w.t.Cleanup(func() { p.stop(syscall.SIGKILL) })
	return p
}

// stop signals the process and waits for it to exit; it returns the exit error (nil: exit 0).
func (p *keeperProc) stop(sig syscall.Signal) error {
	select {
	case <-p.done:
		return p.err
	default:
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
		return p.err
	case <-time.After(60 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("keeper %s did not stop within 60 s of %v", p.name, sig)
	}
}

// logLine is the part of a keeper's JSON log line the tests read.
type logLine struct {
	Msg    string `json:"msg"`
	Level  string `json:"level"`
	Kind   string `json:"kind"`
	ID     uint64 `json:"id"`
	Detail string `json:"detail"`
	Error  string `json:"error"`
	Addr   string `json:"addr"`
}

// logs reads every JSON line the keeper wrote; other lines fail the test (logs are JSON only).
func (p *keeperProc) logs(t testing.TB) []logLine {
	data, err := os.ReadFile(p.log)
	require.NoError(t, err)
	var out []logLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l logLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), "keeper %s wrote a non-JSON log line: %s", p.name, sc.Text())
		out = append(out, l)
	}
	return out
}
