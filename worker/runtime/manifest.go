package runtime

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/ionet-oss/ionet/client/jobs"
)

// ManifestFile is where a job's manifest is written, beside its out directory.
const ManifestFile = "manifest.json"

// File is one output file in a manifest.
type File struct {
	Path   string `json:"path"` // slash-separated, relative to the out directory
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Digest string `json:"digest"` // the file's digest under the spec's verify rule (see Digest)
}

// Manifest lists a run's outputs and logs and how it ended. Its result digest (ResultDigest:
// the exit code, stdout and outputs under the spec's verify rule, which an audit's re-run
// reproduces) is the attestation's result hash; the digest of Outcome alone (with the timings)
// is the metrics digest.
type Manifest struct {
	JobID        uint64  `json:"jobId"`
	Verify       string  `json:"verify"`       // the spec's verify rule (jobs.Verify.String)
	ResultDigest string  `json:"resultDigest"` // hex of ResultDigest
	Outcome      Outcome `json:"outcome"`
	Stdout       File    `json:"stdout"`
	Stderr       File    `json:"stderr"`
	Outputs      []File  `json:"outputs"`
}

// BuildManifest hashes the task's outputs and logs and writes the manifest; it returns the
// manifest, the result hash (the result digest) and the metrics digest.
func BuildManifest(t Task, o Outcome) (m Manifest, result, metrics [32]byte, err error) {
	rule := t.Spec.VerifyRule()
	m = Manifest{JobID: t.JobID, Verify: rule.String(), Outcome: o, Outputs: []File{}}
	if m.Stdout, err = hashFile(t.Dir, "stdout.log", rule); err != nil {
		return m, result, metrics, err
	}
	if m.Stderr, err = hashFile(t.Dir, "stderr.log", rule); err != nil {
		return m, result, metrics, err
	}
	err = filepath.WalkDir(t.OutDir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("output %s is not a regular file (links and devices are not outputs)", path)
		}
		rel, err := filepath.Rel(t.OutDir(), path)
		if err != nil {
			return err
		}
		f, err := hashFile(t.OutDir(), rel, rule)
		m.Outputs = append(m.Outputs, f)
		return err
	})
	if err != nil {
		return m, result, metrics, fmt.Errorf("hash outputs: %w", err)
	}
	sort.Slice(m.Outputs, func(i, k int) bool { return m.Outputs[i].Path < m.Outputs[k].Path })
	result = ResultDigest(m)
	m.ResultDigest = hex.EncodeToString(result[:])
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, result, metrics, fmt.Errorf("encode manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(t.Dir, ManifestFile), data, 0o644); err != nil {
		return m, result, metrics, fmt.Errorf("write manifest: %w", err)
	}
	od, err := json.Marshal(o)
	if err != nil {
		return m, result, metrics, fmt.Errorf("encode outcome: %w", err)
	}
	return m, result, sha256.Sum256(od), nil
}

func hashFile(dir, rel string, rule jobs.Verify) (File, error) {
	f, err := os.Open(filepath.Join(dir, rel))
	if err != nil {
		return File{}, fmt.Errorf("hash %s: %w", rel, err)
	}
	defer f.Close()
	n, sum, digest, err := Digest(f, rule)
	if err != nil {
		return File{}, fmt.Errorf("hash %s: %w", rel, err)
	}
	return File{Path: filepath.ToSlash(rel), Size: n, SHA256: sum, Digest: digest}, nil
}
