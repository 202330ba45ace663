package runtime

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
)

const digestImage = "registry.example/train@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// fakeEngine serves the Docker engine API calls the container runtime makes, on a unix
// socket, recording them. Its container "runs" by writing a file into the bound out
// directory and exiting with exitCode after delay.
type fakeEngine struct {
	mu       sync.Mutex
	calls    []string
	created  map[string]any
	exitCode int
	delay    time.Duration
	killed   bool
}

func (e *fakeEngine) serve(t *testing.T) string {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "engine.sock")
	ln, err := net.Listen("unix", sock)
	require.NoError(t, err)
	srv := &http.Server{Handler: http.HandlerFunc(e.handle)}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return sock
}

func (e *fakeEngine) handle(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/v1.43")
	e.mu.Lock()
	e.calls = append(e.calls, r.Method+" "+path)
	e.mu.Unlock()
	switch {
	case path == "/_ping":
		_, _ = w.Write([]byte("OK"))
	case path == "/images/create":
		_, _ = w.Write([]byte(`{"status":"Pulling"}` + "\n" + `{"status":"Downloaded"}`))
	case path == "/containers/create":
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		e.mu.Lock()
		e.created = body
		e.mu.Unlock()
		_, _ = w.Write([]byte(`{"Id":"c1"}`))
	case path == "/containers/c1/start":
		bind := e.created["HostConfig"].(map[string]any)["Binds"].([]any)[0].(string)
		host, _, _ := strings.Cut(bind, ":")
		_ = os.WriteFile(filepath.Join(host, "model.bin"), []byte("weights"), 0o644)
		w.WriteHeader(http.StatusNoContent)
	case path == "/containers/c1/wait":
		select {
		case <-time.After(e.delay):
			_, _ = w.Write([]byte(`{"StatusCode":` + string(rune('0'+e.exitCode)) + `}`))
		case <-r.Context().Done():
		}
	case path == "/containers/c1/kill":
		e.mu.Lock()
		e.killed = true
		e.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	case path == "/containers/c1/logs":
		_, _ = w.Write(frame(1, "training\n"))
		_, _ = w.Write(frame(2, "warning\n"))
	case path == "/containers/c1" && r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		http.Error(w, "no such endpoint", http.StatusNotFound)
	}
}

func frame(stream byte, s string) []byte {
	h := []byte{stream, 0, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(h[4:], uint32(len(s)))
	return append(h, s...)
}

func containerTask(t *testing.T, image string, timeout time.Duration) Task {
	return Task{JobID: 9, GPUs: 2, Dir: filepath.Join(t.TempDir(), "9"), Deadline: time.Now().Add(timeout),
		Spec: &jobs.Spec{Image: image, Command: []string{"python", "train.py"}, Environment: map[string]string{"EPOCHS": "3"}}}
}

func TestContainerRun(t *testing.T) {
	e := &fakeEngine{}
	rt := NewContainer(e.serve(t))
	require.NoError(t, rt.Reachable(context.Background()))
	task := containerTask(t, digestImage, 10*time.Second)
	out, err := rt.Run(context.Background(), task)
	require.NoError(t, err)
	assert.True(t, out.Succeeded())
	assert.Equal(t, []string{"GET /_ping", "POST /images/create", "POST /containers/create", "POST /containers/c1/start",
		"POST /containers/c1/wait", "GET /containers/c1/logs", "DELETE /containers/c1"}, e.calls)

	host := e.created["HostConfig"].(map[string]any)
	assert.Equal(t, "none", host["NetworkMode"], "network is off")
	assert.Equal(t, true, e.created["NetworkDisabled"])
	assert.Equal(t, digestImage, e.created["Image"])
	assert.Equal(t, []any{"python", "train.py"}, e.created["Cmd"])
	assert.Equal(t, []any{map[string]any{"Driver": "nvidia", "Count": float64(2), "Capabilities": []any{[]any{"gpu"}}}}, host["DeviceRequests"])
	assert.Contains(t, e.created["Env"], "EPOCHS=3")

	m, _, _, err := BuildManifest(task, out)
	require.NoError(t, err)
	require.Len(t, m.Outputs, 1)
	assert.Equal(t, "model.bin", m.Outputs[0].Path)
	stdout, err := os.ReadFile(filepath.Join(task.Dir, "stdout.log"))
	require.NoError(t, err)
	assert.Equal(t, "training\n", string(stdout))
	stderr, err := os.ReadFile(filepath.Join(task.Dir, "stderr.log"))
	require.NoError(t, err)
	assert.Equal(t, "warning\n", string(stderr))
}

func TestContainerFailures(t *testing.T) {
	t.Run("image by tag refused", func(t *testing.T) {
		_, err := NewContainer(filepath.Join(t.TempDir(), "none.sock")).Run(context.Background(), containerTask(t, "registry.example/train:latest", time.Second))
		require.ErrorContains(t, err, "is not pinned by digest")
	})
	t.Run("no engine", func(t *testing.T) {
		err := NewContainer(filepath.Join(t.TempDir(), "none.sock")).Reachable(context.Background())
		require.ErrorContains(t, err, "none.sock")
	})
	t.Run("nonzero exit", func(t *testing.T) {
		e := &fakeEngine{exitCode: 2}
		out, err := NewContainer(e.serve(t)).Run(context.Background(), containerTask(t, digestImage, 10*time.Second))
		require.NoError(t, err)
		assert.Equal(t, 2, out.ExitCode)
		assert.False(t, out.Succeeded())
	})
	t.Run("timeout kills the container", func(t *testing.T) {
		e := &fakeEngine{delay: time.Minute}
		out, err := NewContainer(e.serve(t)).Run(context.Background(), containerTask(t, digestImage, 300*time.Millisecond))
		require.NoError(t, err)
		assert.True(t, out.TimedOut)
		assert.True(t, e.killed)
		assert.Contains(t, e.calls, "DELETE /containers/c1")
	})
}
