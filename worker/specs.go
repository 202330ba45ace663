package worker

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// SpecDir is the worker's local cache of job specs, <dir>/<hex of the spec hash>.json: specs
// read from the chain (the buyer publishes each in the job's spec account) are kept there, and
// an operator may place specs there by hand for jobs whose buyer did not publish one. A file
// whose canonical hash differs from its name is refused.
type SpecDir string

// errNoSpec means the spec is neither published on-chain nor in the directory (yet).
var errNoSpec = errors.New("spec neither published on-chain nor in the spec cache")

// Load reads and verifies the spec with hash h.
func (d SpecDir) Load(h [32]byte) (*jobs.Spec, error) {
	path := filepath.Join(string(d), hex.EncodeToString(h[:])+".json")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", errNoSpec, path)
	}
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	spec, err := jobs.ParseSpec(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	got, err := spec.Hash()
	if err != nil {
		return nil, err
	}
	if got != h {
		return nil, fmt.Errorf("%s: its canonical hash is %x, not the job's %x: the file was changed", path, got, h)
	}
	return spec, nil
}

// Publish writes spec into the directory under its hash (for buyers and tests).
func (d SpecDir) Publish(spec *jobs.Spec) ([32]byte, error) {
	h, err := spec.Hash()
	if err != nil {
		return h, err
	}
	c, err := spec.Canonical()
	if err != nil {
		return h, err
	}
	if err := os.MkdirAll(string(d), 0o755); err != nil {
		return h, fmt.Errorf("publish spec: %w", err)
	}
	path := filepath.Join(string(d), hex.EncodeToString(h[:])+".json")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, c, 0o644); err != nil {
		return h, fmt.Errorf("publish spec: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return h, fmt.Errorf("publish spec: %w", err)
	}
	return h, nil
}

// spec is job's verified spec: from this worker's cache, else the job's spec account on-chain
// (then cached). A job whose spec cannot be had is not claimed.
func (w *Worker) spec(ctx context.Context, job *gen.Job) (*jobs.Spec, error) {
	if spec, err := w.opt.Specs.Load(job.SpecHash); err == nil || !errors.Is(err, errNoSpec) {
		return spec, err
	}
	spec, err := w.jc.FetchSpec(ctx, job)
	switch {
	case errors.Is(err, jobs.ErrNotFound) || errors.Is(err, jobs.ErrSpecIncomplete):
		return nil, fmt.Errorf("%w (%v)", errNoSpec, err)
	case err != nil:
		return nil, err
	}
	if _, err := w.opt.Specs.Publish(spec); err != nil {
		w.opt.Log.Warn("cannot cache the job's spec", "job", job.Id, "err", err)
	}
	return spec, nil
}
