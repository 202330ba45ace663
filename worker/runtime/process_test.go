package runtime

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
)

func shTask(t *testing.T, script string, env map[string]string, timeout time.Duration) Task {
	return Task{JobID: 7, Dir: filepath.Join(t.TempDir(), "7"), Deadline: time.Now().Add(timeout),
		Spec: &jobs.Spec{Command: []string{"/bin/sh", "-c", script}, Inputs: []string{"a", "b"}, Environment: env}}
}

func TestProcessRunsAndManifests(t *testing.T) {
	task := shTask(t, `echo "$GREETING $IONET_JOB_ID" > "$IONET_OUTPUT_DIR/hello.txt"; mkdir sub; printf '%s' "$IONET_INPUTS" > sub/inputs; echo log; echo err >&2; echo "$SECRET_FROM_HOST" > leak`,
		map[string]string{"GREETING": "hi"}, 10*time.Second)
	t.Setenv("SECRET_FROM_HOST", "visible")
	out, err := Process{}.Run(context.Background(), task)
	require.NoError(t, err)
	assert.True(t, out.Succeeded())

	m, result, metrics, err := BuildManifest(task, out)
	require.NoError(t, err)
	hello, err := os.ReadFile(filepath.Join(task.OutDir(), "hello.txt"))
	require.NoError(t, err)
	assert.Equal(t, "hi 7\n", string(hello))
	var paths []string
	for _, f := range m.Outputs {
		paths = append(paths, f.Path)
	}
	assert.Equal(t, []string{"hello.txt", "leak", "sub/inputs"}, paths)
	leak, err := os.ReadFile(filepath.Join(task.OutDir(), "leak"))
	require.NoError(t, err)
	assert.Equal(t, "\n", string(leak), "the host environment must not reach the job")
	assert.Equal(t, int64(4), m.Stdout.Size)

	written, err := os.ReadFile(filepath.Join(task.Dir, ManifestFile))
	require.NoError(t, err)
	var back Manifest
	require.NoError(t, json.Unmarshal(written, &back))
	assert.Equal(t, ResultDigest(back), result, "the result hash is the written manifest's result digest")
	assert.Equal(t, hex.EncodeToString(result[:]), back.ResultDigest)
	od, err := json.Marshal(out)
	require.NoError(t, err)
	assert.Equal(t, sha256.Sum256(od), metrics)
}

func TestProcessFailures(t *testing.T) {
	for _, tc := range []struct {
		name     string
		script   string
		timeout  time.Duration
		limits   Limits
		exit     int
		timedOut bool
	}{
		{"exit code", "exit 3", 10 * time.Second, Limits{}, 3, false},
		{"timeout kills the group", "sleep 30 & sleep 30", 500 * time.Millisecond, Limits{}, 143, true},
		{"file size limit", "head -c 100000 /dev/zero > big", 10 * time.Second, Limits{FileBytes: 1000}, 128 + 25, false}, // SIGXFSZ
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			out, err := Process{Limits: tc.limits, Grace: time.Second}.Run(context.Background(), shTask(t, tc.script, nil, tc.timeout))
			require.NoError(t, err)
			assert.False(t, out.Succeeded())
			assert.Equal(t, tc.timedOut, out.TimedOut)
			if tc.timedOut {
				assert.Less(t, time.Since(start), 5*time.Second)
				return
			}
			assert.Equal(t, tc.exit, out.ExitCode)
		})
	}
}

func TestProcessRefusesImageOnlySpec(t *testing.T) {
	task := shTask(t, "", nil, time.Second)
	task.Spec = &jobs.Spec{Image: "busybox"}
	_, err := Process{}.Run(context.Background(), task)
	require.ErrorContains(t, err, "the spec names no command")
}

func TestProcessCommandWrapsLimits(t *testing.T) {
	argv := []string{"python", "train.py"}
	assert.Equal(t, argv, Process{}.command(argv))
	assert.Equal(t, []string{"/bin/sh", "-c", `ulimit -v 1048576 && ulimit -f 2 && ulimit -n 64 && exec "$@"`, "ionet-job", "python", "train.py"},
		Process{Limits: Limits{MemoryBytes: 1 << 30, FileBytes: 1024, OpenFiles: 64}}.command(argv))
}

// TestProcessDeadlineExtended: a later deadline received while the job runs keeps it running
// past the first one.
func TestProcessDeadlineExtended(t *testing.T) {
	ext := make(chan time.Time, 1)
	task := Task{JobID: 3, Dir: filepath.Join(t.TempDir(), "3"), Deadline: time.Now().Add(time.Second), Extended: ext,
		Spec: &jobs.Spec{Command: []string{"/bin/sh", "-c", `sleep 2; echo done > "$IONET_OUTPUT_DIR/r"`}}}
	go func() {
		time.Sleep(200 * time.Millisecond)
		ext <- time.Now().Add(10 * time.Second)
	}()
	out, err := Process{Grace: time.Second}.Run(context.Background(), task)
	require.NoError(t, err)
	assert.True(t, out.Succeeded(), "%+v", out)
	assert.FileExists(t, filepath.Join(task.OutDir(), "r"))
}
