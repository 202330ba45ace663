package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gagliardetto/solana-go"
)

// The deployment registry: `ionet deploy` writes, per cluster genesis hash, what it deployed
// there (program ids, mints, authorities, code hashes), so that every binary given --url of that
// cluster finds the protocol by asking it for its genesis hash. One JSON file per cluster:
// <user config dir>/ionet/deployments/<genesis hash>.json; `ionet deployment import` adds a
// published one.

// Deployment describes the protocol on one cluster.
type Deployment struct {
	// Cluster is mainnet-beta, devnet or testnet when the genesis hash is theirs, else "".
	Cluster     string      `json:"cluster,omitempty"`
	GenesisHash solana.Hash `json:"genesisHash"`
	// RPC is where the deploy ran (a hint; lookups go by genesis hash).
	RPC      string                      `json:"rpc,omitempty"`
	Programs map[string]solana.PublicKey `json:"programs"`
	// ProgramHashes are the hex sha256 of each program's code (ProgramData after its header,
	// trailing zeros trimmed) when deployed: `ionet verify` recomputes them.
	ProgramHashes    map[string]string `json:"programHashes"`
	Mints            DeploymentMints   `json:"mints"`
	UpgradeAuthority solana.PublicKey  `json:"upgradeAuthority"`
	Operator         solana.PublicKey  `json:"operator"`
	Governance       solana.PublicKey  `json:"governance"` // the governance PDA
	UpdatedAt        time.Time         `json:"updatedAt"`
	// Manifest is the localnet manifest (its keys and funded wallets) when the cluster is a
	// chain `ionet localnet up` runs: a localnet is one deployment among others.
	Manifest string `json:"manifest,omitempty"`
}

// Public clusters, known by their genesis hash.
var (
	GenesisMainnetBeta = solana.MustHashFromBase58("5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d")
	GenesisDevnet      = solana.MustHashFromBase58("EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG")
	GenesisTestnet     = solana.MustHashFromBase58("4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY")
)

// ClusterName names a public cluster by its genesis hash: mainnet-beta, devnet, testnet, else "".
func ClusterName(genesis solana.Hash) string {
	switch genesis {
	case GenesisMainnetBeta:
		return "mainnet-beta"
	case GenesisDevnet:
		return "devnet"
	case GenesisTestnet:
		return "testnet"
	}
	return ""
}

// DeploymentMints are the protocol's two mints.
type DeploymentMints struct {
	IO   solana.PublicKey `json:"io"`
	USDC solana.PublicKey `json:"usdc"`
}

// Check reports what a deployment file lacks.
func (d *Deployment) Check() error {
	if d.GenesisHash.IsZero() {
		return errors.New("it names no genesisHash")
	}
	if d.Manifest != "" {
		return nil // a localnet's: its manifest says what its genesis deployed
	}
	for _, name := range []string{"staking", "jobs", "emission", "capacity", "governance"} {
		if d.Programs[name].IsZero() {
			return fmt.Errorf("it names no %s program id", name)
		}
	}
	if d.Mints.IO.IsZero() || d.Mints.USDC.IsZero() {
		return errors.New("it names no IO or USDC mint")
	}
	return nil
}

// DeploymentRegistryDir is os.UserConfigDir()/ionet/deployments.
func DeploymentRegistryDir() (string, error) {
	config, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config directory for the deployment registry: %w (set $XDG_CONFIG_HOME or $HOME)", err)
	}
	return filepath.Join(config, "ionet", "deployments"), nil
}

// DeploymentPath is where the deployment of genesis hash is registered.
func DeploymentPath(hash solana.Hash) (string, error) {
	dir, err := DeploymentRegistryDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, hash.String()+".json"), nil
}

// ParseDeployment decodes and checks a deployment file's content; source names it in errors.
func ParseDeployment(data []byte, source string) (*Deployment, error) {
	var d Deployment
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("deployment %s does not parse: %w", source, err)
	}
	if err := d.Check(); err != nil {
		return nil, fmt.Errorf("deployment %s: %w", source, err)
	}
	return &d, nil
}

// ReadDeployment reads and checks a deployment file.
func ReadDeployment(path string) (*Deployment, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read deployment: %w", err)
	}
	return ParseDeployment(data, path)
}

// RegisterDeployment writes d under its genesis hash, replacing what was there, and returns
// the file's path.
func RegisterDeployment(d *Deployment) (string, error) {
	if err := d.Check(); err != nil {
		return "", fmt.Errorf("register the deployment: %w", err)
	}
	path, err := DeploymentPath(d.GenesisHash)
	if err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return "", fmt.Errorf("register the deployment: encode: %w", err)
	}
	if err := writeFileAtomic(path, append(data, '\n')); err != nil {
		return "", fmt.Errorf("register the deployment: %w", err)
	}
	return path, nil
}

// LookupDeployment returns the registered deployment of genesis hash, or found false.
func LookupDeployment(hash solana.Hash) (d *Deployment, path string, found bool, err error) {
	path, err = DeploymentPath(hash)
	if err != nil {
		return nil, "", false, err
	}
	d, err = ReadDeployment(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, path, false, nil
	case err != nil:
		return nil, path, false, err
	case !d.GenesisHash.Equals(hash):
		return nil, path, false, fmt.Errorf("deployment %s names genesis hash %s: remove the file", path, d.GenesisHash)
	}
	return d, path, true, nil
}

// writeFileAtomic writes data to path (mode 0644, its directory made) through a rename, so a
// reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
