package worker_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	"github.com/ionet-oss/ionet/worker/runtime/enginetest"
)

// ionetBin is the ionet CLI, built by the first test that runs it.
var (
	ionetOnce sync.Once
	ionetBin  string
	ionetErr  error
)

func ionetCLI(t *testing.T) string {
	t.Helper()
	ionetOnce.Do(func() {
		ionetBin = filepath.Join(filepath.Dir(workerBin), "ionet")
		out, err := exec.Command("go", "build", "-o", ionetBin, "github.com/ionet-oss/ionet/cmd/ionet").CombinedOutput()
		if err != nil {
			ionetErr = err
			t.Logf("build ionet: %s", out)
		}
	})
	require.NoError(t, ionetErr)
	return ionetBin
}

// bucket is the buyer's HTTP endpoint on loopback: it keeps what is PUT and serves it back.
type bucket struct {
	mu      sync.Mutex
	objects map[string][]byte
}

func newBucket(t *testing.T) (*bucket, *httptest.Server) {
	b := &bucket{objects: map[string][]byte{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch r.Method {
		case http.MethodPut:
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
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
		default:
			http.Error(w, "PUT or GET", http.StatusMethodNotAllowed)
		}
	}))
	t.Cleanup(srv.Close)
	return b, srv
}

// TestContainerJobDeliveredToTheBuyer: a buyer posts a containerised job whose spec names its
// HTTP endpoint; a worker with a relative work directory runs it in a real Docker engine
// (network off), uploads the results there, attests; the buyer's `ionet job fetch` downloads
// them and keeps them only after checking every file against the attested result.
func TestContainerJobDeliveredToTheBuyer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	engine := enginetest.Start(t)
	ctx := localnettest.Context(t)
	_, srv := newBucket(t)
	specDir := t.TempDir()
	w := e.newWorker(t, "worker-container", specDir, func(s map[string]any) {
		s["runtime"], s["docker_socket"], s["work_dir"], s["memory_limit"] = "container", engine.Socket, "work", 256<<20
	})
	buyer, err := e.chain.NewWallet(ctx, localnet.Funding{Lamports: 2 * solana.LAMPORTS_PER_SOL, IO: 100_000 * oneIO})
	require.NoError(t, err)

	spec := &jobs.Spec{Image: engine.Image,
		Command:     []string{"/bin/sh", "-c", `echo "epoch 1 of $EPOCHS"; yes weights | head -c 3000000 > /out/model.bin; mkdir /out/eval; echo 0.93 > /out/eval/score.txt`},
		Environment: map[string]string{"EPOCHS": "1"},
		Output:      &jobs.Output{URL: srv.URL + "/results/job.tar?token=buyer-secret"}}
	specFile := filepath.Join(t.TempDir(), "spec.json")
	canonical, err := spec.Canonical()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(specFile, canonical, 0o644))
	// Until its spec is published on-e.chain the job is not taken; then it is, with no shared
	// directory (the worker's spec cache starts empty).
	id := e.createJob(t, buyer, spec, e.chain.Manifest.Mints.IO.Address, 3_600*oneIO, jobs.SecondsPerHour)
	time.Sleep(3 * time.Second) // three polls
	job, err := e.jc.FetchJob(ctx, id)
	require.NoError(t, err)
	require.Equal(t, jobs.StateOpen, jobs.State(job.State), "no spec, no claim")
	require.NoError(t, e.jc.PublishSpec(ctx, buyer, id, spec))
	e.attestedJob(t, id)
	assert.NotContains(t, w.logs.String(), "buyer-secret", "the output URL's credentials stay out of the logs")
	assert.Contains(t, w.logs.String(), `"msg":"results uploaded"`)

	dest := filepath.Join(t.TempDir(), "results")
	out, err := exec.CommandContext(ctx, ionetCLI(t), "job", "fetch", strconv.FormatUint(id, 10), "--to", dest, "--spec", specFile,
		"--url", e.chain.RPCURL, "--jobs-program", e.chain.Manifest.Programs["jobs"].String(),
		"--staking-program", e.chain.Manifest.Programs["staking"].String()).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "results checked against the attested hash")
	model, err := os.ReadFile(filepath.Join(dest, "out", "model.bin"))
	require.NoError(t, err)
	assert.Len(t, model, 3_000_000)
	score, err := os.ReadFile(filepath.Join(dest, "out", "eval", "score.txt"))
	require.NoError(t, err)
	assert.Equal(t, "0.93\n", string(score))
	logs, err := os.ReadFile(filepath.Join(dest, "stdout.log"))
	require.NoError(t, err)
	assert.Equal(t, "epoch 1 of 1\n", string(logs))

	// A spec that is not the job's is refused before anything is fetched.
	other := *spec
	other.Environment = map[string]string{"EPOCHS": "2"}
	otherFile := filepath.Join(t.TempDir(), "other.json")
	c, err := other.Canonical()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(otherFile, c, 0o644))
	out, err = exec.CommandContext(context.WithoutCancel(ctx), ionetCLI(t), "job", "fetch", strconv.FormatUint(id, 10), "--to", t.TempDir(),
		"--spec", otherFile, "--url", e.chain.RPCURL, "--jobs-program", e.chain.Manifest.Programs["jobs"].String(),
		"--staking-program", e.chain.Manifest.Programs["staking"].String()).CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "not job "+strconv.FormatUint(id, 10)+"'s spec")
}
