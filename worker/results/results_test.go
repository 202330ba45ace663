package results

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// bucket is a loopback HTTP server keeping PUT bodies by path and serving them to GET; it
// answers the first failFirst PUTs with 503 and checks the token header.
type bucket struct {
	mu        sync.Mutex
	objects   map[string][]byte
	puts      int
	failFirst int
	status    int // answer every PUT with this when set
}

func (b *bucket) serve(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch r.Method {
		case http.MethodPut:
			b.puts++
			if r.Header.Get("X-Token") != "secret-header" || r.URL.Query().Get("sig") != "secret-sig" {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			if b.status != 0 {
				http.Error(w, "no", b.status)
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil || int64(len(body)) != r.ContentLength {
				http.Error(w, "short body", http.StatusBadRequest)
				return
			}
			if b.puts <= b.failFirst {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			b.objects[r.URL.Path] = body
			w.WriteHeader(http.StatusCreated)
		case http.MethodGet:
			data, ok := b.objects[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			_, _ = w.Write(data)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// ranJob writes a job directory as a finished run leaves it and returns it with its result hash
// (the sealed result digest, as the worker attests it).
func ranJob(t *testing.T, outputs map[string][]byte) (runtime.Task, [32]byte) {
	t.Helper()
	task := runtime.Task{JobID: 4, Dir: filepath.Join(t.TempDir(), "4")}
	require.NoError(t, os.MkdirAll(task.OutDir(), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(task.Dir, "stdout.log"), []byte("trained\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(task.Dir, "stderr.log"), nil, 0o644))
	for name, data := range outputs {
		path := filepath.Join(task.OutDir(), filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
	_, result, _, err := runtime.BuildManifest(task, runtime.Outcome{Wall: time.Second})
	require.NoError(t, err)
	return task, jobs.SealResult(result)
}

func quietUploader() *Uploader {
	u := NewUploader(slog.New(slog.DiscardHandler))
	u.Wait = 10 * time.Millisecond
	return u
}

// TestDeliverAndFetch: the archive goes up through a 503 (retried), comes back down, and
// unpacks to exactly the run's files once checked against the attested hash.
func TestDeliverAndFetch(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB
	task, result := ranJob(t, map[string][]byte{"model.bin": big, "eval/score.txt": []byte("0.93\n")})
	b := &bucket{objects: map[string][]byte{}, failFirst: 1}
	srv := b.serve(t)
	out := jobs.Output{URL: srv.URL + "/results/4.tar?sig=secret-sig", Headers: map[string]string{"X-Token": "secret-header"}}

	path, size, err := Pack(task.Dir)
	require.NoError(t, err)
	require.Greater(t, size, int64(len(big)))
	require.NoError(t, quietUploader().Put(context.Background(), out, path))
	assert.Equal(t, 2, b.puts, "the 503 was retried")

	dest := t.TempDir()
	m, err := Fetch(context.Background(), srv.Client(), srv.URL+"/results/4.tar", result, dest)
	require.NoError(t, err)
	assert.Len(t, m.Outputs, 2)
	for name, want := range map[string][]byte{"out/model.bin": big, "out/eval/score.txt": []byte("0.93\n"), "stdout.log": []byte("trained\n")} {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), name)
	}
	manifest, err := os.ReadFile(filepath.Join(dest, runtime.ManifestFile))
	require.NoError(t, err)
	var kept runtime.Manifest
	require.NoError(t, json.Unmarshal(manifest, &kept))
	assert.Equal(t, result, jobs.SealResult(runtime.ResultDigest(kept)), "the kept manifest's result digest seals to the attested result")
}

// TestFetchRefusesWhatTheAttestationDoesNotCover: a changed byte, a wrong result hash, or a
// file the manifest does not list fail the fetch and leave nothing behind.
func TestFetchRefusesWhatTheAttestationDoesNotCover(t *testing.T) {
	task, result := ranJob(t, map[string][]byte{"model.bin": []byte("weights")})
	path, _, err := Pack(task.Dir)
	require.NoError(t, err)
	archive, err := os.ReadFile(path)
	require.NoError(t, err)

	for _, tc := range []struct {
		name   string
		change func(a []byte, h [32]byte) ([]byte, [32]byte)
		want   string
	}{
		{"changed output", func(a []byte, h [32]byte) ([]byte, [32]byte) {
			return bytes.Replace(a, []byte("weights"), []byte("WEIGHTS"), 1), h
		}, "model.bin does not match the manifest"},
		{"other result", func(a []byte, h [32]byte) ([]byte, [32]byte) { h[0] ^= 1; return a, h }, "not the attested result"},
		{"the digest unsealed", func(a []byte, h [32]byte) ([]byte, [32]byte) { return a, manifestDigest(t, a) }, "not the attested result"},
		{"manifest with another exit code", func(a []byte, h [32]byte) ([]byte, [32]byte) {
			return bytes.Replace(a, []byte(`"exitCode": 0`), []byte(`"exitCode": 1`), 1), h
		}, "not the attested result"},
		{"not an archive", func(a []byte, h [32]byte) ([]byte, [32]byte) { return []byte("hello"), h }, "does not start with manifest.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, h := tc.change(bytes.Clone(archive), result)
			dest := t.TempDir()
			_, err := Unpack(bytes.NewReader(a), h, dest)
			require.ErrorContains(t, err, tc.want)
			left, _ := os.ReadDir(dest)
			var names []string
			for _, e := range left {
				if !e.IsDir() {
					names = append(names, e.Name())
				}
			}
			assert.Empty(t, names, "nothing kept")
		})
	}
}

// TestUnpackRoundedRule: under a rounded rule the attested digest covers the rounded outputs,
// and each file is still kept only with the exact bytes the manifest lists.
func TestUnpackRoundedRule(t *testing.T) {
	task := runtime.Task{JobID: 5, Dir: filepath.Join(t.TempDir(), "5"),
		Spec: &jobs.Spec{Command: []string{"x"}, Verify: &jobs.Verify{Mode: jobs.VerifyRounded, Digits: 3}}}
	require.NoError(t, os.MkdirAll(task.OutDir(), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(task.Dir, "stdout.log"), []byte("loss 0.12345\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(task.Dir, "stderr.log"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(task.OutDir(), "score.txt"), []byte("0.93001\n"), 0o644))
	m, result, _, err := runtime.BuildManifest(task, runtime.Outcome{})
	require.NoError(t, err)
	assert.Equal(t, "rounded 3", m.Verify)
	assert.NotEqual(t, m.Outputs[0].SHA256, m.Outputs[0].Digest, "the rounded digest is not the raw hash")
	path, _, err := Pack(task.Dir)
	require.NoError(t, err)
	archive, err := os.ReadFile(path)
	require.NoError(t, err)
	got, err := Unpack(bytes.NewReader(archive), jobs.SealResult(result), t.TempDir())
	require.NoError(t, err)
	assert.Equal(t, m.Outputs, got.Outputs)
	// 0.93002 rounds the same at 3 digits, but the file's exact bytes are checked too.
	_, err = Unpack(bytes.NewReader(bytes.Replace(archive, []byte("0.93001"), []byte("0.93002"), 1)), jobs.SealResult(result), t.TempDir())
	require.ErrorContains(t, err, "score.txt does not match the manifest")
}

// TestUploadFailures: a refusal is not retried, credentials never show in the error, and a
// file changed after the manifest cannot be packed.
func TestUploadFailures(t *testing.T) {
	task, _ := ranJob(t, map[string][]byte{"model.bin": []byte("weights")})
	path, _, err := Pack(task.Dir)
	require.NoError(t, err)
	b := &bucket{objects: map[string][]byte{}}
	srv := b.serve(t)

	err = quietUploader().Put(context.Background(), jobs.Output{URL: srv.URL + "/r.tar?sig=wrong-secret"}, path)
	require.ErrorContains(t, err, "403 Forbidden")
	assert.NotContains(t, err.Error(), "wrong-secret")
	assert.Equal(t, 1, b.puts, "a 403 is final")

	b.status = http.StatusBadGateway
	u := quietUploader()
	u.Attempts = 3
	err = u.Put(context.Background(), jobs.Output{URL: srv.URL + "/r.tar?sig=secret-sig", Headers: map[string]string{"X-Token": "secret-header"}}, path)
	require.ErrorContains(t, err, "502 Bad Gateway")
	assert.Equal(t, 4, b.puts, "three attempts")

	require.NoError(t, os.WriteFile(filepath.Join(task.OutDir(), "model.bin"), []byte("changed"), 0o644))
	_, _, err = Pack(task.Dir)
	require.ErrorContains(t, err, "out/model.bin changed after the manifest was written")
}

func TestRedact(t *testing.T) {
	assert.Equal(t, "https://bucket.example/a/b.tar", Redact("https://user:pw@bucket.example/a/b.tar?X-Amz-Signature=abc#frag"))
	assert.False(t, strings.Contains(Redact("http://h/x?sig=s"), "sig"))
}

// manifestDigest is the result digest of the manifest at the head of archive (not sealed).
func manifestDigest(t *testing.T, archive []byte) [32]byte {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(archive))
	_, err := tr.Next()
	require.NoError(t, err)
	var m runtime.Manifest
	require.NoError(t, json.NewDecoder(tr).Decode(&m))
	return runtime.ResultDigest(m)
}
