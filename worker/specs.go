package worker

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ionet-oss/ionet/client/jobs"
)

// SpecDir is where the worker finds job specs: a job's spec hash is all the chain holds, so
// the buyer publishes the spec itself as <dir>/<hex of the spec hash>.json (distribution is
// out of band: a shared directory, a sync job). A job whose spec is not there is not claimed,
// and a file whose canonical hash differs from its name is refused.
type SpecDir string

// errNoSpec means the spec is not in the directory (yet).
var errNoSpec = errors.New("spec not published in the spec directory")

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
