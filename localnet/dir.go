package localnet

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// resolveDir is the directory the chain runs from (server, keys, programs): findDir's, else the
// embedded files' copy in the user's cache directory.
func resolveDir(ctx context.Context, o Options) (string, error) {
	starts, err := searchStarts()
	if err != nil {
		return "", err
	}
	dir, err := findDir(o.Dir, starts...)
	if err != nil || dir != "" {
		return dir, err
	}
	notice := o.Notice
	if notice == nil {
		notice = io.Discard
	}
	return embeddedDir(ctx, notice)
}

// findDir locates a localnet directory on disk: explicit, then $IONET_LOCALNET_DIR (either used
// as it is), then the nearest ancestor of each start directory holding localnet/package.json (a
// checkout of this repository). "" means none: the embedded copy is used.
func findDir(explicit string, starts ...string) (string, error) {
	if explicit == "" {
		explicit = os.Getenv(EnvDir)
	}
	if explicit != "" {
		dir, err := filepath.Abs(explicit)
		if err != nil {
			return "", fmt.Errorf("localnet: resolve directory %q: %w", explicit, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
			return "", fmt.Errorf("localnet: %s is not the localnet directory (no package.json): point Options.Dir or $%s at the repository's localnet/, or unset it to use the files built into this program", dir, EnvDir)
		}
		return dir, nil
	}
	for _, start := range starts {
		for dir := start; ; dir = filepath.Dir(dir) {
			candidate := filepath.Join(dir, "localnet")
			if _, err := os.Stat(filepath.Join(candidate, "package.json")); err == nil {
				return candidate, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", nil
}

// searchStarts is where findDir looks by default: the working directory and the executable's.
func searchStarts() ([]string, error) {
	var starts []string
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("localnet: working directory: %w", err)
	}
	starts = append(starts, wd)
	// An executable whose path cannot be known (deleted, unusual platform) is only one place less
	// to look, not a failure.
	if exe, err := os.Executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			exe = resolved
		}
		starts = append(starts, filepath.Dir(exe))
	}
	return starts, nil
}
