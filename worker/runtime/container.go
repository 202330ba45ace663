package runtime

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// apiVersion is the engine API the container runtime speaks: Docker 20.10 (Debian's docker.io)
// and podman's compatible socket serve it, and later engines still accept it.
const apiVersion = "v1.41"

// Container runs the spec's image through a Docker-compatible engine API on a unix socket
// (dockerd, or podman's compatible socket): the image must be pinned by content, the container
// gets no network, the resource limits, the requested GPUs (device requests, where the engine
// has the NVIDIA runtime) and the job's out directory mounted at /out; it runs as the worker's
// user with every capability dropped, is killed at the deadline, and its logs are kept.
type Container struct {
	Socket string
	Limits Limits
	// PidsLimit caps the processes in the container (0: none).
	PidsLimit uint64
	http      *http.Client
}

// NewContainer talks to the engine at socket.
func NewContainer(socket string) *Container {
	dial := func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socket)
	}
	return &Container{Socket: socket, http: &http.Client{Transport: &http.Transport{DialContext: dial}}}
}

// Name is "container".
func (*Container) Name() string { return "container" }

// Reachable pings the engine.
func (c *Container) Reachable(ctx context.Context) error {
	return c.call(ctx, http.MethodGet, "/_ping", nil, nil, nil)
}

// HasNVIDIA reports whether the engine has the NVIDIA runtime that GPU device requests need.
func (c *Container) HasNVIDIA(ctx context.Context) (bool, error) {
	var info struct{ Runtimes map[string]any }
	if err := c.call(ctx, http.MethodGet, "/info", nil, &info, nil); err != nil {
		return false, err
	}
	_, ok := info.Runtimes["nvidia"]
	return ok, nil
}

// Images pinned by content: a registry digest (name@sha256:...), or a local image's id
// (sha256:..., an image built or imported on this host). A tag can move under a signed spec hash.
var (
	imageByDigest = regexp.MustCompile(`^[^@\s]+@sha256:[0-9a-f]{64}$`)
	imageByID     = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// Run makes sure the image is here (pulling a registry digest when it is not), creates, starts
// and waits for the job's container, then saves its logs and removes it.
func (c *Container) Run(ctx context.Context, t Task) (Outcome, error) {
	if !imageByDigest.MatchString(t.Spec.Image) && !imageByID.MatchString(t.Spec.Image) {
		return Outcome{}, fmt.Errorf("container runtime: image %q is not pinned by content (want name@sha256:<64 hex>, or a local image id sha256:<64 hex>)", t.Spec.Image)
	}
	if err := prepare(t); err != nil {
		return Outcome{}, err
	}
	out, err := filepath.Abs(t.OutDir())
	if err != nil {
		return Outcome{}, fmt.Errorf("container runtime: %w", err)
	}
	if err := c.ensureImage(ctx, t.Spec.Image); err != nil {
		return Outcome{}, err
	}
	var created struct{ Id string }
	q := url.Values{"name": {fmt.Sprintf("ionet-job-%d-%d", t.JobID, time.Now().UnixNano())}}
	if err := c.call(ctx, http.MethodPost, "/containers/create?"+q.Encode(), c.createBody(t, out), &created, nil); err != nil {
		return Outcome{}, fmt.Errorf("container runtime: create: %w", err)
	}
	id := created.Id
	defer func() { // removal must happen even when ctx ended
		rm, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = c.call(rm, http.MethodDelete, "/containers/"+id+"?force=1", nil, nil, nil)
	}()
	start := time.Now()
	if err := c.call(ctx, http.MethodPost, "/containers/"+id+"/start", nil, nil, nil); err != nil {
		return Outcome{}, fmt.Errorf("container runtime: start: %w", err)
	}
	runCtx, cancel := untilDeadline(ctx, t)
	defer cancel()
	var waited struct{ StatusCode int }
	err = c.call(runCtx, http.MethodPost, "/containers/"+id+"/wait", nil, &waited, nil)
	o := Outcome{ExitCode: waited.StatusCode, Wall: time.Since(start)}
	if err != nil {
		if runCtx.Err() == nil {
			return o, fmt.Errorf("container runtime: wait: %w", err)
		}
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = c.call(stop, http.MethodPost, "/containers/"+id+"/kill", nil, nil, nil)
		if !timedOut(runCtx) {
			_ = c.saveLogs(stop, id, t.Dir)
			return o, fmt.Errorf("container runtime: run stopped: %w", ctx.Err())
		}
		o.TimedOut, o.ExitCode = true, -1
	}
	if err := c.saveLogs(context.WithoutCancel(ctx), id, t.Dir); err != nil {
		return o, err
	}
	return o, nil
}

// ensureImage pulls the image unless the engine has it already (a local image id is never
// pulled: only this host can have it).
func (c *Container) ensureImage(ctx context.Context, image string) error {
	err := c.call(ctx, http.MethodGet, "/images/"+image+"/json", nil, nil, nil)
	if err == nil {
		return nil
	}
	if imageByID.MatchString(image) {
		return fmt.Errorf("container runtime: image %s is not on this host's engine: %w", image, err)
	}
	q := url.Values{"fromImage": {image}}
	if err := c.call(ctx, http.MethodPost, "/images/create?"+q.Encode(), nil, nil, pullErrors{}); err != nil {
		return fmt.Errorf("container runtime: pull %s: %w", image, err)
	}
	return nil
}

// pullErrors reads a pull's progress stream, failing on the error the engine reports in it.
type pullErrors struct{}

func (pullErrors) Write(p []byte) (int, error) {
	for _, line := range bytes.Split(p, []byte("\n")) {
		var msg struct{ Error string }
		if json.Unmarshal(line, &msg) == nil && msg.Error != "" {
			return 0, errors.New(msg.Error)
		}
	}
	return len(p), nil
}

func (c *Container) createBody(t Task, out string) map[string]any {
	env := []string{fmt.Sprintf("IONET_JOB_ID=%d", t.JobID), "IONET_OUTPUT_DIR=/out", "IONET_INPUTS=" + strings.Join(t.Spec.Inputs, "\n")}
	keys := make([]string, 0, len(t.Spec.Environment))
	for k := range t.Spec.Environment {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		env = append(env, k+"="+t.Spec.Environment[k])
	}
	host := map[string]any{"Binds": []string{out + ":/out"}, "NetworkMode": "none",
		"CapDrop": []string{"ALL"}, "SecurityOpt": []string{"no-new-privileges"}}
	if c.Limits.MemoryBytes > 0 {
		host["Memory"], host["MemorySwap"] = c.Limits.MemoryBytes, c.Limits.MemoryBytes
	}
	if c.PidsLimit > 0 {
		host["PidsLimit"] = c.PidsLimit
	}
	var ulimits []map[string]any
	if c.Limits.OpenFiles > 0 {
		ulimits = append(ulimits, map[string]any{"Name": "nofile", "Soft": c.Limits.OpenFiles, "Hard": c.Limits.OpenFiles})
	}
	if c.Limits.FileBytes > 0 {
		ulimits = append(ulimits, map[string]any{"Name": "fsize", "Soft": c.Limits.FileBytes, "Hard": c.Limits.FileBytes})
	}
	if ulimits != nil {
		host["Ulimits"] = ulimits
	}
	if t.GPUs > 0 {
		host["DeviceRequests"] = []map[string]any{{"Driver": "nvidia", "Count": t.GPUs, "Capabilities": [][]string{{"gpu"}}}}
	}
	body := map[string]any{"Image": t.Spec.Image, "Env": env, "NetworkDisabled": true, "HostConfig": host,
		"User": fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid()), "WorkingDir": "/out",
		"Labels": map[string]string{"io.ionet.job": fmt.Sprint(t.JobID)}}
	if len(t.Spec.Command) > 0 {
		body["Cmd"] = t.Spec.Command
	}
	return body
}

// saveLogs streams the container's stdout and stderr, demultiplexed, into files beside its
// outputs (a chatty job's logs never sit whole in memory).
func (c *Container) saveLogs(ctx context.Context, id, dir string) error {
	stdout, err := os.Create(filepath.Join(dir, "stdout.log"))
	if err != nil {
		return fmt.Errorf("container runtime: %w", err)
	}
	defer stdout.Close()
	stderr, err := os.Create(filepath.Join(dir, "stderr.log"))
	if err != nil {
		return fmt.Errorf("container runtime: %w", err)
	}
	defer stderr.Close()
	if err := c.call(ctx, http.MethodGet, "/containers/"+id+"/logs?stdout=1&stderr=1", nil, nil, &demuxWriter{stdout: stdout, stderr: stderr}); err != nil {
		return fmt.Errorf("container runtime: logs: %w", err)
	}
	return nil
}

// demuxWriter splits the engine's multiplexed log stream as it arrives: frames of
// [stream, 0, 0, 0, size u32 BE] then size bytes, stream 2 being stderr.
type demuxWriter struct {
	stdout, stderr io.Writer
	head           []byte // a frame header not yet complete
	left           int    // bytes of the current frame still to come
	to             io.Writer
}

func (d *demuxWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if d.left == 0 {
			take := min(8-len(d.head), len(p))
			d.head, p = append(d.head, p[:take]...), p[take:]
			if len(d.head) < 8 {
				break
			}
			d.to, d.left = d.stdout, int(binary.BigEndian.Uint32(d.head[4:]))
			if d.head[0] == 2 {
				d.to = d.stderr
			}
			d.head = d.head[:0]
			continue
		}
		take := min(d.left, len(p))
		if _, err := d.to.Write(p[:take]); err != nil {
			return 0, err
		}
		d.left, p = d.left-take, p[take:]
	}
	return n, nil
}

// call sends one API request; a JSON answer goes to into, a raw one to raw.
func (c *Container) call(ctx context.Context, method, path string, body any, into any, raw io.Writer) error {
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://engine/"+apiVersion+path, r)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("engine at %s: %w", c.Socket, err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		var e struct{ Message string }
		if json.Unmarshal(msg, &e) == nil && e.Message != "" {
			msg = []byte(e.Message)
		}
		return fmt.Errorf("engine answered %s: %s", res.Status, strings.TrimSpace(string(msg)))
	}
	switch {
	case into != nil:
		return json.NewDecoder(res.Body).Decode(into)
	case raw != nil:
		_, err = io.Copy(raw, res.Body)
		return err
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}
