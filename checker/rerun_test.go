package checker

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// TestRerunMatchesTheWorker: the checker's re-run of a deterministic job, in another directory,
// digests to what the worker attested; a dishonest worker's result does not match; a run that
// cannot start or times out gives no verdict.
func TestRerunMatchesTheWorker(t *testing.T) {
	spec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `echo "loss 0.125"; echo "$IONET_JOB_ID" > "$IONET_OUTPUT_DIR/id.txt"; exit 2`}}
	deadline := time.Now().Add(30 * time.Second)
	run := func(rt runtime.Runtime, dir string) Result {
		res, err := Rerun{JobID: 9, Spec: spec, Dir: filepath.Join(t.TempDir(), dir), Deadline: deadline}.Run(context.Background(), rt)
		require.NoError(t, err)
		return res
	}
	worker, checker := run(runtime.Process{}, "worker"), run(runtime.Process{}, "audits")
	assert.Equal(t, worker.Digest, checker.Digest)
	assert.Equal(t, 2, checker.Manifest.Outcome.ExitCode, "an exit code is a result like any other")

	okSpec := &jobs.Spec{Command: []string{"/bin/sh", "-c", `echo 42 > "$IONET_OUTPUT_DIR/a"`}}
	honest, err := Rerun{JobID: 1, Spec: okSpec, Dir: filepath.Join(t.TempDir(), "h"), Deadline: deadline}.Run(context.Background(), runtime.Process{})
	require.NoError(t, err)
	cheat, err := Rerun{JobID: 1, Spec: okSpec, Dir: filepath.Join(t.TempDir(), "c"), Deadline: deadline}.Run(context.Background(), runtime.Dishonest{Inner: runtime.Process{}})
	require.NoError(t, err)
	assert.NotEqual(t, honest.Digest, cheat.Digest)

	for name, r := range map[string]Rerun{
		"cannot start": {JobID: 2, Spec: &jobs.Spec{Image: "busybox"}, Dir: filepath.Join(t.TempDir(), "n"), Deadline: deadline},
		"timed out":    {JobID: 3, Spec: &jobs.Spec{Command: []string{"sleep", "30"}}, Dir: filepath.Join(t.TempDir(), "t"), Deadline: time.Now().Add(300 * time.Millisecond)},
	} {
		_, err := r.Run(context.Background(), runtime.Process{Grace: time.Second})
		assert.ErrorIs(t, err, ErrNoVerdict, name)
	}
}
