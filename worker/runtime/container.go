package runtime

import (
	"bytes"
	"context"
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

// Container runs the spec's image through a Docker-compatible engine API on a unix socket:
// the image is pulled by digest, the container gets the requested GPUs, no network, and the
// job's out directory mounted at /out.
type Container struct {
	Socket string
	http   *http.Client
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

// imageByDigest accepts only images pinned by digest: a tag can move under a signed spec hash.
var imageByDigest = regexp.MustCompile(`^[^@\s]+@sha256:[0-9a-f]{64}$`)

// Run pulls, creates, starts and waits for the job's container, then saves its logs and
// removes it.
func (c *Container) Run(ctx context.Context, t Task) (Outcome, error) {
	if !imageByDigest.MatchString(t.Spec.Image) {
		return Outcome{}, fmt.Errorf("container runtime: image %q is not pinned by digest (want name@sha256:<64 hex>)", t.Spec.Image)
	}
	if err := prepare(t); err != nil {
		return Outcome{}, err
	}
	out, err := filepath.Abs(t.OutDir())
	if err != nil {
		return Outcome{}, fmt.Errorf("container runtime: %w", err)
	}
	q := url.Values{"fromImage": {t.Spec.Image}}
	if err := c.call(ctx, http.MethodPost, "/images/create?"+q.Encode(), nil, nil, nil); err != nil {
		return Outcome{}, fmt.Errorf("container runtime: pull %s: %w", t.Spec.Image, err)
	}
	var created struct{ Id string }
	if err := c.call(ctx, http.MethodPost, "/containers/create", c.createBody(t, out), &created, nil); err != nil {
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
	runCtx, cancel := context.WithDeadline(ctx, t.Deadline)
	defer cancel()
	var waited struct{ StatusCode int }
	err = c.call(runCtx, http.MethodPost, "/containers/"+id+"/wait", nil, &waited, nil)
	o := Outcome{ExitCode: waited.StatusCode, Wall: time.Since(start)}
	if err != nil {
		if !errors.Is(runCtx.Err(), context.DeadlineExceeded) {
			return o, fmt.Errorf("container runtime: wait: %w", err)
		}
		o.TimedOut, o.ExitCode = true, -1
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = c.call(stop, http.MethodPost, "/containers/"+id+"/kill", nil, nil, nil)
	}
	if err := c.saveLogs(context.WithoutCancel(ctx), id, t.Dir); err != nil {
		return o, err
	}
	return o, nil
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
	host := map[string]any{"Binds": []string{out + ":/out"}, "NetworkMode": "none"}
	if t.GPUs > 0 {
		host["DeviceRequests"] = []map[string]any{{"Driver": "nvidia", "Count": t.GPUs, "Capabilities": [][]string{{"gpu"}}}}
	}
	body := map[string]any{"Image": t.Spec.Image, "Env": env, "NetworkDisabled": true, "HostConfig": host,
		"Labels": map[string]string{"io.ionet.job": fmt.Sprint(t.JobID)}}
	if len(t.Spec.Command) > 0 {
		body["Cmd"] = t.Spec.Command
	}
	return body
}

// saveLogs writes the container's stdout and stderr, demultiplexed, beside its outputs.
func (c *Container) saveLogs(ctx context.Context, id, dir string) error {
	var raw bytes.Buffer
	if err := c.call(ctx, http.MethodGet, "/containers/"+id+"/logs?stdout=1&stderr=1", nil, nil, &raw); err != nil {
		return fmt.Errorf("container runtime: logs: %w", err)
	}
	var stdout, stderr bytes.Buffer
	demux(raw.Bytes(), &stdout, &stderr)
	if err := os.WriteFile(filepath.Join(dir, "stdout.log"), stdout.Bytes(), 0o644); err != nil {
		return fmt.Errorf("container runtime: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stderr.log"), stderr.Bytes(), 0o644); err != nil {
		return fmt.Errorf("container runtime: %w", err)
	}
	return nil
}

// demux splits the engine's multiplexed log stream: frames of [stream, 0, 0, 0, size u32 BE].
func demux(b []byte, stdout, stderr io.Writer) {
	for len(b) >= 8 {
		size := int(b[4])<<24 | int(b[5])<<16 | int(b[6])<<8 | int(b[7])
		frame := b[8:min(8+size, len(b))]
		if b[0] == 2 {
			stderr.Write(frame)
		} else {
			stdout.Write(frame)
		}
		b = b[8+len(frame):]
	}
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
	req, err := http.NewRequestWithContext(ctx, method, "http://engine/v1.43"+path, r)
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
		return fmt.Errorf("engine answered %s: %s", res.Status, strings.TrimSpace(string(msg)))
	}
	switch {
	case into != nil:
		return json.NewDecoder(res.Body).Decode(into)
	case raw != nil:
		_, err = io.Copy(raw, res.Body)
		return err
	}
	_, err = io.Copy(io.Discard, res.Body) // a pull streams progress until it is done
	return err
}
