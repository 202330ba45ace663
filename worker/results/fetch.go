package results

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/runtime"
)

// maxManifest bounds the manifest read before it is checked.
const maxManifest = 16 << 20

// Fetch downloads the archive at src and unpacks it into dest with Unpack.
func Fetch(ctx context.Context, client *http.Client, src string, resultHash [32]byte, dest string) (*runtime.Manifest, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, errors.New("fetch results: the URL is not a valid URL")
	}
	res, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("fetch results from %s: %w", Redact(src), err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch results from %s: the server answered %s", Redact(src), res.Status)
	}
	return Unpack(res.Body, resultHash, dest)
}

// Unpack reads an archive as it streams: its manifest's result digest (runtime.ResultDigest)
// must seal to resultHash (the attested result is SHA-256 of the digest: jobs.SealResult), and every file must be one the manifest lists, with
// its size, SHA-256 and digest under the manifest's verify rule. Files are
// written under dest (manifest.json, stdout.log, stderr.log, out/...) only once checked; on any
// mismatch Unpack stops and removes what it wrote.
func Unpack(r io.Reader, resultHash [32]byte, dest string) (m *runtime.Manifest, err error) {
	var written []string
	defer func() {
		if err != nil {
			for _, p := range written {
				_ = os.Remove(p)
			}
		}
	}()
	tr := tar.NewReader(r)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != runtime.ManifestFile {
		return nil, errors.New("results archive: it does not start with manifest.json")
	}
	data, err := io.ReadAll(io.LimitReader(tr, maxManifest))
	if err != nil {
		return nil, fmt.Errorf("results archive: %w", err)
	}
	m = &runtime.Manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("results archive: manifest: %w", err)
	}
	if got := runtime.ResultDigest(*m); !jobs.Opens(got, resultHash) {
		return nil, fmt.Errorf("results archive: the manifest's result digest %x seals to %x, not the attested result %x", got, jobs.SealResult(got), resultHash)
	}
	rule, err := runtime.ParseRule(m.Verify)
	if err != nil {
		return nil, fmt.Errorf("results archive: manifest: %w", err)
	}
	want := map[string]runtime.File{}
	for _, e := range entries(*m) {
		if !filepath.IsLocal(filepath.FromSlash(e.name)) {
			return nil, fmt.Errorf("results archive: the manifest names %q, outside the results", e.name)
		}
		want[e.name] = e.file
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	sum := sha256.Sum256(data)
	if err := writeChecked(filepath.Join(dest, runtime.ManifestFile), bytes.NewReader(data), runtime.File{Path: runtime.ManifestFile,
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Digest: hex.EncodeToString(sum[:])}, jobs.Verify{Mode: jobs.VerifyExact}, &written); err != nil {
		return nil, err
	}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("results archive: %w", err)
		}
		f, ok := want[hdr.Name]
		if !ok || hdr.Typeflag != tar.TypeReg {
			return nil, fmt.Errorf("results archive: %q is not a file the manifest lists (or came twice)", hdr.Name)
		}
		delete(want, hdr.Name)
		if err := writeChecked(filepath.Join(dest, filepath.FromSlash(hdr.Name)), tr, f, rule, &written); err != nil {
			return nil, err
		}
	}
	for name := range want {
		return nil, fmt.Errorf("results archive: %s is missing", name)
	}
	return m, nil
}

// writeChecked streams r into path through a temporary file, keeping it only when its size,
// SHA-256 and digest under rule are want's.
func writeChecked(path string, r io.Reader, want runtime.File, rule jobs.Verify, written *[]string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	n, sum, digest, err := runtime.Digest(io.TeeReader(io.LimitReader(r, want.Size+1), f), rule)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && (n != want.Size || sum != want.SHA256 || digest != want.Digest) {
		err = fmt.Errorf("results archive: %s does not match the manifest (%d bytes, sha256 %s, %s digest %s; the manifest says %d bytes, %s, %s)",
			want.Path, n, sum, rule, digest, want.Size, want.SHA256, want.Digest)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	*written = append(*written, path)
	return nil
}

// Kept is one file Unpack kept, by its path in the destination.
type Kept struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// KeptFiles lists the files of m as Unpack lays them out.
func KeptFiles(m runtime.Manifest) []Kept {
	var out []Kept
	for _, e := range entries(m) {
		out = append(out, Kept{Path: e.name, Size: e.file.Size, SHA256: e.file.SHA256})
	}
	return out
}
