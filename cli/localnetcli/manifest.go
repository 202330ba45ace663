package localnetcli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
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
		Usage:   "localnet manifest.json (default: the one `ionet localnet up` registered for the --url chain, found by its genesis hash)",
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

// ErrNoManifest means no localnet manifest was named and none was found for the cluster.
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

// LocalnetManifest finds the manifest of env's cluster and checks that the cluster is the
// localnet it describes (localnet keys and mints mean nothing anywhere else): --manifest (or
// $IONET_MANIFEST) when given, else the one `ionet localnet up` registered for the cluster's
// genesis hash, else the default ledger's when it describes this cluster.
func LocalnetManifest(ctx context.Context, c *ucli.Context, env *cli.Env) (*localnet.Manifest, error) {
	if ManifestGiven(c) {
		m, path, err := ReadManifest(c)
		if err != nil {
			return nil, err
		}
		if err := CheckManifestCluster(ctx, env, m, path); err != nil {
			return nil, err
		}
		return m, nil
	}
	hash, err := env.Client().RPC.GetGenesisHash(ctx)
	if err != nil {
		return nil, fmt.Errorf("ask %s for its genesis hash, to find its localnet manifest: %w", env.RPCURL, err)
	}
	var tried []string
	entry, found, err := LookupLocalnet(hash)
	switch {
	case err != nil:
		env.Log.Warn("the localnet registry entry is unreadable; skipping it", "err", err)
		tried = append(tried, "an unreadable registry entry")
	case found:
		m, err := localnet.ReadManifest(entry.Manifest)
		if err == nil && m.GenesisHash.Equals(hash) {
			return m, nil
		}
		env.Log.Debug("the registered manifest no longer describes this chain", "manifest", entry.Manifest, "err", err)
		tried = append(tried, "the registered manifest "+entry.Manifest+" (gone or for another chain)")
	default:
		if dir, err := LocalnetRegistryDir(); err == nil {
			tried = append(tried, "no entry in "+dir)
		}
	}
	if dir, err := DefaultLedgerDir(); err == nil {
		path := filepath.Join(dir, localnet.ManifestFile)
		if m, err := localnet.ReadManifest(path); err == nil {
			if m.GenesisHash.Equals(hash) {
				return m, nil
			}
			tried = append(tried, path+" (another chain)")
		}
	}
	return nil, fmt.Errorf("%w (the cluster at %s has genesis hash %s: %s)", ErrNoManifest, env.RPCURL, hash, strings.Join(tried, "; "))
}

// LocalnetTarget is LocalnetManifest for the localnet's own commands (fund, warp): without --url
// they talk to the chain the manifest names (--manifest's, else the default ledger's), and only
// when neither is there do they look up the configured cluster's.
func LocalnetTarget(ctx context.Context, c *ucli.Context, env *cli.Env) (*localnet.Manifest, error) {
	if env.URLGiven() {
		return LocalnetManifest(ctx, c, env)
	}
	m, path, err := ReadManifest(c)
	if errors.Is(err, ErrNoManifest) {
		return LocalnetManifest(ctx, c, env)
	}
	if err != nil {
		return nil, err
	}
	env.UseCluster(m.RPC, m.WS) // the manifest says where its chain serves
	if err := CheckManifestCluster(ctx, env, m, path); err != nil {
		return nil, err
	}
	return m, nil
}

// CheckManifestCluster fails unless env's cluster is the localnet m (read from path) describes.
func CheckManifestCluster(ctx context.Context, env *cli.Env, m *localnet.Manifest, path string) error {
	if err := m.CheckCluster(ctx, env.Client().RPC); err != nil {
		return fmt.Errorf("--url %s with manifest %s: %w", env.RPCURL, path, err)
	}
	return nil
}
