package runtime

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/runtime/enginetest"
)

func containerTask(t *testing.T, image string, timeout time.Duration, script string) Task {
	return Task{JobID: 9, Dir: filepath.Join(t.TempDir(), "9"), Deadline: time.Now().Add(timeout),
		Spec: &jobs.Spec{Image: image, Command: []string{"/bin/sh", "-c", script}, Environment: map[string]string{"EPOCHS": "3"}}}
}

func readOut(t *testing.T, task Task, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(task.Dir, name))
	require.NoError(t, err)
	return strings.TrimSpace(string(data))
}

// TestContainerInARealEngine runs jobs in a private dockerd on an image imported from
// busybox-static: outputs land in the mounted out directory, logs are kept, the network is off,
// the limits hold, a failing exit is reported, the deadline kills the container, and nothing is
// left behind in the engine.
func TestContainerInARealEngine(t *testing.T) {
	e := enginetest.Start(t)
	const memory = 64 << 20
	rt := NewContainer(e.Socket)
	rt.Limits = Limits{MemoryBytes: memory, OpenFiles: 77, FileBytes: 1 << 20}
	rt.PidsLimit = 33
	ctx := context.Background()
	require.NoError(t, rt.Reachable(ctx))

	t.Run("outputs and logs", func(t *testing.T) {
		task := containerTask(t, e.Image, time.Minute,
			`echo "training $EPOCHS job $IONET_JOB_ID"; echo warning >&2; echo weights > "$IONET_OUTPUT_DIR/model.bin"; mkdir -p /out/sub; id -u > /out/sub/uid`)
		out, err := rt.Run(ctx, task)
		require.NoError(t, err)
		assert.True(t, out.Succeeded(), "%+v: %s", out, readOut(t, task, "stderr.log"))
		assert.Equal(t, "training 3 job 9", readOut(t, task, "stdout.log"))
		assert.Equal(t, "warning", readOut(t, task, "stderr.log"))
		assert.Equal(t, strconv.Itoa(os.Getuid()), readOut(t, task, "out/sub/uid"), "runs as the worker's user")
		m, _, _, err := BuildManifest(task, out)
		require.NoError(t, err)
		var paths []string
		for _, f := range m.Outputs {
			paths = append(paths, f.Path)
		}
		assert.Equal(t, []string{"model.bin", "sub/uid"}, paths)
	})
	t.Run("network off", func(t *testing.T) {
		task := containerTask(t, e.Image, time.Minute, `cat /proc/net/dev > /out/net; ls /sys/class/net > /out/ifaces`)
		out, err := rt.Run(ctx, task)
		require.NoError(t, err)
		require.True(t, out.Succeeded())
		assert.Equal(t, "lo", readOut(t, task, "out/ifaces"), "only the loopback interface")
	})
	t.Run("limits", func(t *testing.T) {
		task := containerTask(t, e.Image, time.Minute, `ulimit -n > /out/nofile; ulimit -f > /out/fsize
cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null > /out/memory || cat /sys/fs/cgroup/memory.max > /out/memory
cat /sys/fs/cgroup/pids/pids.max 2>/dev/null > /out/pids || cat /sys/fs/cgroup/pids.max > /out/pids
dd if=/dev/zero of=/out/big bs=1024 count=2048 2>/out/dd.err; echo $? > /out/dd.code`)
		out, err := rt.Run(ctx, task)
		require.NoError(t, err)
		require.True(t, out.Succeeded(), readOut(t, task, "stderr.log"))
		assert.Equal(t, "77", readOut(t, task, "out/nofile"))
		assert.Equal(t, strconv.Itoa(memory), readOut(t, task, "out/memory"))
		assert.Equal(t, "33", readOut(t, task, "out/pids"))
		assert.NotEqual(t, "0", readOut(t, task, "out/dd.code"), "a file past file_limit cannot be written")
		info, err := os.Stat(filepath.Join(task.OutDir(), "big"))
		require.NoError(t, err)
		assert.LessOrEqual(t, info.Size(), int64(1<<20))
	})
	t.Run("failing exit", func(t *testing.T) {
		task := containerTask(t, e.Image, time.Minute, `echo broken >&2; exit 3`)
		out, err := rt.Run(ctx, task)
		require.NoError(t, err)
		assert.Equal(t, 3, out.ExitCode)
		assert.False(t, out.Succeeded())
		assert.Equal(t, "broken", readOut(t, task, "stderr.log"))
	})
	t.Run("deadline kills", func(t *testing.T) {
		task := containerTask(t, e.Image, 1500*time.Millisecond, `echo started; sleep 60`)
		start := time.Now()
		out, err := rt.Run(ctx, task)
		require.NoError(t, err)
		assert.True(t, out.TimedOut)
		assert.Less(t, time.Since(start), 30*time.Second)
		assert.Equal(t, "started", readOut(t, task, "stdout.log"), "the logs up to the kill are kept")
	})
	t.Run("image not on the host", func(t *testing.T) {
		_, err := rt.Run(ctx, containerTask(t, "sha256:"+strings.Repeat("0", 64), time.Minute, "true"))
		require.ErrorContains(t, err, "is not on this host's engine")
	})
	t.Run("image by tag refused", func(t *testing.T) {
		_, err := rt.Run(ctx, containerTask(t, "ionet-test/busybox:1", time.Minute, "true"))
		require.ErrorContains(t, err, "is not pinned by content")
	})
	t.Run("GPUs through device requests", func(t *testing.T) {
		has, err := rt.HasNVIDIA(ctx)
		require.NoError(t, err)
		if !has {
			t.Skip("the engine has no NVIDIA runtime (nvidia-container-toolkit): GPU device requests cannot be served here")
		}
		task := containerTask(t, e.Image, time.Minute, `ls /dev/nvidia0 > /out/dev`)
		task.GPUs = 1
		out, err := rt.Run(ctx, task)
		require.NoError(t, err)
		assert.True(t, out.Succeeded(), readOut(t, task, "stderr.log"))
	})

	// Every container was removed after its run.
	var left []struct{ Id string }
	filter, _ := json.Marshal(map[string][]string{"label": {"io.ionet.job"}})
	require.NoError(t, rt.call(ctx, "GET", "/containers/json?all=1&filters="+url.QueryEscape(string(filter)), nil, &left, nil))
	assert.Empty(t, left)
}

func TestContainerNoEngine(t *testing.T) {
	err := NewContainer(filepath.Join(t.TempDir(), "none.sock")).Reachable(context.Background())
	require.ErrorContains(t, err, "none.sock")
}

// TestDemuxWriter: the log stream is split by frame header however the reads cut it.
func TestDemuxWriter(t *testing.T) {
	var stream []byte
	for _, f := range []struct {
		kind byte
		text string
	}{{1, "out one\n"}, {2, "err one\n"}, {1, ""}, {1, "out two\n"}} {
		h := []byte{f.kind, 0, 0, 0, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(h[4:], uint32(len(f.text)))
		stream = append(append(stream, h...), f.text...)
	}
	for _, chunk := range []int{1, 3, 7, 8, 9, len(stream)} {
		var out, errs bytes.Buffer
		d := &demuxWriter{stdout: &out, stderr: &errs}
		for rest := stream; len(rest) > 0; {
			n := min(chunk, len(rest))
			_, err := d.Write(rest[:n])
			require.NoError(t, err)
			rest = rest[n:]
		}
		assert.Equal(t, "out one\nout two\n", out.String(), "chunk %d", chunk)
		assert.Equal(t, "err one\n", errs.String(), "chunk %d", chunk)
	}
}
