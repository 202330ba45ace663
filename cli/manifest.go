package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/localnet"
)

// EnvManifest names a localnet manifest when --manifest is not given.
const EnvManifest = "IONET_MANIFEST"

const flagManifest = "manifest"

// ManifestFlag is --manifest, the localnet manifest that supplies mints and wallets.
func ManifestFlag() *ucli.StringFlag {
	return &ucli.StringFlag{
		Name:    flagManifest,
		EnvVars: []string{EnvManifest},
		Usage:   "localnet manifest.json (default: the one `ionet localnet up` writes in its default ledger)",
	}
}

// DefaultLedgerDir is where `ionet localnet up` keeps its chain unless --ledger says otherwise:
// $XDG_DATA_HOME/ionet/localnet, else ~/.local/share/ionet/localnet.
func DefaultLedgerDir() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "ionet", "localnet"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find home directory for the default ledger: %w (pass --ledger)", err)
	}
	return filepath.Join(home, ".local", "share", "ionet", "localnet"), nil
}

// ErrNoManifest means no localnet manifest was named and the default one does not exist.
var ErrNoManifest = errors.New("no localnet manifest: start a local chain with `ionet localnet up`, or pass --manifest")

// ManifestGiven reports whether --manifest (or $IONET_MANIFEST) named a manifest.
func ManifestGiven(c *ucli.Context) bool { return c.String(flagManifest) != "" }

// ReadManifest loads the manifest named by --manifest (or $IONET_MANIFEST), else the one in the
// default ledger, and returns it with its path.
func ReadManifest(c *ucli.Context) (*localnet.Manifest, string, error) {
	path := c.String(flagManifest)
	if path == "" {
		dir, err := DefaultLedgerDir()
		if err != nil {
			return nil, "", err
		}
		path = filepath.Join(dir, localnet.ManifestFile)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("%w (looked for %s)", ErrNoManifest, path)
		}
	}
	m, err := localnet.ReadManifest(path)
	if err != nil {
		return nil, "", err
	}
	return m, path, nil
}

// LocalnetManifest is ReadManifest plus a check that env's cluster is the localnet the manifest
// describes: localnet keys and mints mean nothing anywhere else.
func LocalnetManifest(ctx context.Context, c *ucli.Context, env *Env) (*localnet.Manifest, error) {
	m, path, err := ReadManifest(c)
	if err != nil {
		return nil, err
	}
	if err := CheckManifestCluster(ctx, env, m, path); err != nil {
		return nil, err
	}
	return m, nil
}

// CheckManifestCluster fails unless env's cluster is the localnet m (read from path) describes.
func CheckManifestCluster(ctx context.Context, env *Env, m *localnet.Manifest, path string) error {
	if err := m.CheckCluster(ctx, env.Client().RPC); err != nil {
		return fmt.Errorf("--url %s with manifest %s: %w", env.RPCURL, path, err)
	}
	return nil
}
