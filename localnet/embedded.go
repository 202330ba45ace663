package localnet

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The chain's own files travel inside every binary that imports this package, so `ionet
// localnet up` works from any directory: the Node server's sources and lockfile, the built
// programs and the localnet-only keypairs. The first start writes them into the user's cache
// directory and installs the server's npm packages there, once per content.
//
//go:embed package.json package-lock.json server programs/*.so programs/TOOLCHAIN keys/*.json
var embedded embed.FS

// npmCIArgs installs exactly the embedded lockfile's runtime packages, using the npm cache when
// it can (so a machine that installed them once can do it again offline).
var npmCIArgs = []string{"ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"}

// partialMaxAge is how old an unfinished copy (a start killed mid-install) must be to be cleaned up.
const partialMaxAge = time.Hour

// completeMarker is a file that only a finished copy has (npm ci writes it).
var completeMarker = filepath.Join("node_modules", "litesvm", "package.json")

var (
	embeddedHashOnce sync.Once
	embeddedHash     string
	embeddedHashErr  error
)

// embeddedDir is the embedded files' copy in the user's cache directory, with its npm packages
// installed: os.UserCacheDir()/ionet/localnet/<content hash>.
func embeddedDir(ctx context.Context, notice io.Writer) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("localnet: no cache directory for the local chain's files: %w (set $XDG_CACHE_HOME or $HOME, or $%s to a localnet directory)", err, EnvDir)
	}
	embeddedHashOnce.Do(func() { embeddedHash, embeddedHashErr = contentHash(embedded) })
	if embeddedHashErr != nil {
		return "", embeddedHashErr
	}
	return materialise(ctx, embedded, embeddedHash, filepath.Join(cache, "ionet", "localnet"), notice)
}

// contentHash names a file tree by its content: paths and bytes, in lexical order.
func contentHash(files fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("localnet: hash the embedded files: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// materialise returns root/hash holding files and their npm packages. A finished copy is used as
// it is; otherwise files are written to a fresh directory beside it, `npm ci` runs there (after a
// line on notice saying so) and the directory is renamed into place, so root/hash only ever
// exists complete and two processes starting at once both end up with it.
func materialise(ctx context.Context, files fs.FS, hash, root string, notice io.Writer) (string, error) {
	dir := filepath.Join(root, hash)
	if complete(dir) {
		return dir, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("localnet: npm not found on PATH: the local chain's server needs its npm packages, installed once into %s; "+
			"install Node.js 20 or newer with npm (Debian/Ubuntu: apt-get install nodejs npm), or set $%s to a localnet directory that has node_modules", dir, EnvDir)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", fmt.Errorf("localnet: create %s: %w", root, err)
	}
	removeStalePartials(root)
	tmp, err := os.MkdirTemp(root, hash+".partial-")
	if err != nil {
		return "", fmt.Errorf("localnet: directory for the local chain's files: %w", err)
	}
	defer os.RemoveAll(tmp) // gone once renamed; removes a failed attempt
	if err := os.CopyFS(tmp, files); err != nil {
		return "", fmt.Errorf("localnet: write the local chain's files into %s: %w", tmp, err)
	}
	if notice != nil {
		fmt.Fprintf(notice, "installing the local chain's npm packages into %s (once)\n", dir)
	}
	if err := npmCI(ctx, npm, tmp); err != nil {
		return "", fmt.Errorf("localnet: install the local chain's npm packages into %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if complete(dir) { // another start finished first: use its copy
			return dir, nil
		}
		if rmErr := os.RemoveAll(dir); rmErr != nil || os.Rename(tmp, dir) != nil {
			return "", fmt.Errorf("localnet: move the local chain's files into %s: %w", dir, err)
		}
	}
	return dir, nil
}

func complete(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, completeMarker))
	return err == nil
}

// npmCI runs `npm ci` in dir; a failure says what npm said and what to do.
func npmCI(ctx context.Context, npm, dir string) error {
	cmd := exec.CommandContext(ctx, npm, npmCIArgs...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	tail := newLineTail(15)
	out := &lineWriter{line: func(l string) {
		if npmSays(l) {
			tail.add(l)
		}
	}}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("npm ci: %w", ctx.Err())
		}
		return fmt.Errorf("npm ci failed (%v). The first start downloads them from the npm registry: "+
			"if this machine is offline or behind a proxy, connect it (npm's own registry and proxy settings apply) and start again, "+
			"or set $%s to a localnet directory that has node_modules. npm said:\n%s", err, EnvDir, tail.String())
	}
	if !complete(dir) {
		return fmt.Errorf("npm ci finished but %s is missing; npm said:\n%s", completeMarker, tail.String())
	}
	return nil
}

// npmSays reports whether an npm output line says something to a person: not a warning, a
// stack frame, an error object's fields or a blank line.
func npmSays(line string) bool {
	if strings.HasPrefix(line, "npm warn") {
		return false
	}
	rest, isError := strings.CutPrefix(line, "npm error")
	if !isError {
		return strings.TrimSpace(line) != ""
	}
	rest = strings.TrimPrefix(rest, " ")
	return rest != "" && rest != "}" && !strings.HasPrefix(rest, " ")
}

// removeStalePartials deletes unfinished copies left by starts that were killed mid-install.
func removeStalePartials(root string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.Contains(e.Name(), ".partial-") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > partialMaxAge {
			_ = os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
}
