// Package results delivers a run's results to the buyer and checks them there. The results
// travel as one tar archive: first manifest.json (the exact bytes whose SHA-256 the worker
// attests as the result hash), then stdout.log, stderr.log and out/<path> for each output, in
// the manifest's order. The worker packs it and PUTs it to the spec's output URL (one object,
// so an S3-style presigned URL fits); the buyer fetches it and checks the manifest against the
// attested hash and every file against the manifest before keeping it.
package results

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ionet-oss/ionet/worker/runtime"
)

// ArchiveFile is the archive's name in the job directory.
const ArchiveFile = "results.tar"

// entries are the archive's files after the manifest, with what the manifest says of each.
func entries(m runtime.Manifest) []struct {
	name string
	file runtime.File
} {
	out := []struct {
		name string
		file runtime.File
	}{{"stdout.log", m.Stdout}, {"stderr.log", m.Stderr}}
	for _, f := range m.Outputs {
		out = append(out, struct {
			name string
			file runtime.File
		}{"out/" + f.Path, f})
	}
	return out
}

// Pack writes the archive of the job directory dir (which holds manifest.json) to dir/results.tar
// and returns its path and size. Each file is hashed again as it is packed: a file that changed
// since the manifest was written fails the pack, so the attested hash covers exactly what is sent.
func Pack(dir string) (string, int64, error) {
	data, err := os.ReadFile(filepath.Join(dir, runtime.ManifestFile))
	if err != nil {
		return "", 0, fmt.Errorf("pack results: %w", err)
	}
	var m runtime.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return "", 0, fmt.Errorf("pack results: manifest: %w", err)
	}
	path := filepath.Join(dir, ArchiveFile)
	f, err := os.Create(path)
	if err != nil {
		return "", 0, fmt.Errorf("pack results: %w", err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: runtime.ManifestFile, Mode: 0o644, Size: int64(len(data))}); err != nil {
		return "", 0, fmt.Errorf("pack results: %w", err)
	}
	if _, err := tw.Write(data); err != nil {
		return "", 0, fmt.Errorf("pack results: %w", err)
	}
	for _, e := range entries(m) {
		if err := packFile(tw, filepath.Join(dir, filepath.FromSlash(e.name)), e.name, e.file); err != nil {
			return "", 0, fmt.Errorf("pack results: %w", err)
		}
	}
	if err := tw.Close(); err != nil {
		return "", 0, fmt.Errorf("pack results: %w", err)
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return "", 0, fmt.Errorf("pack results: %w", err)
	}
	return path, size, f.Close()
}

func packFile(tw *tar.Writer, path, name string, want runtime.File) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: want.Size}); err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h), io.LimitReader(f, want.Size+1))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if n != want.Size || hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
		return fmt.Errorf("%s changed after the manifest was written", name)
	}
	return nil
}
