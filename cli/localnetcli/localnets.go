package localnetcli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gagliardetto/solana-go"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/governance"
	"github.com/ionet-oss/ionet/localnet"
)

// The localnet registry: `ionet localnet up` registers its chain as one deployment among others
// (see deployment.go), under its genesis hash, naming the chain's manifest, so that a command
// given the chain's --url finds the manifest without --manifest (it asks the chain for its
// genesis hash): <user config dir>/ionet/deployments/<genesis hash>.json.

// LocalnetEntry is one registered local chain.
type LocalnetEntry struct {
	GenesisHash solana.Hash `json:"genesisHash"`
	Manifest    string      `json:"manifest"` // absolute path of the chain's manifest.json
	RPC         string      `json:"rpc"`      // where it served when registered
}

// LocalnetRegistryDir is the deployment registry's directory: localnets are registered there.
func LocalnetRegistryDir() (string, error) { return cli.DeploymentRegistryDir() }

// RegisterLocalnet records the chain m (whose manifest is at manifestPath) under its genesis hash
// and drops the entries of earlier genesis hashes that named the same manifest (a --reset makes a
// new chain on the same ledger). It returns the entry's path.
func RegisterLocalnet(m *localnet.Manifest, manifestPath string) (string, error) {
	if m.GenesisHash.IsZero() {
		return "", errors.New("register the localnet: its manifest has no genesis hash")
	}
	abs, err := filepath.Abs(manifestPath)
	if err != nil {
		return "", fmt.Errorf("register the localnet: resolve %s: %w", manifestPath, err)
	}
	dir, err := LocalnetRegistryDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("register the localnet: %w", err)
	}
	name := m.GenesisHash.String() + ".json"
	if err := dropEntriesFor(dir, abs, name); err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(localnetDeployment(m, abs), "", "  ")
	if err != nil {
		return "", fmt.Errorf("register the localnet: encode: %w", err)
	}
	path := filepath.Join(dir, name)
	// Write then rename, so a reader never sees half an entry.
	tmp, err := os.CreateTemp(dir, name+".tmp-")
	if err != nil {
		return "", fmt.Errorf("register the localnet: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		_ = tmp.Close()
		return "", fmt.Errorf("register the localnet: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("register the localnet: write %s: %w", tmp.Name(), err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", fmt.Errorf("register the localnet: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("register the localnet: %w", err)
	}
	return path, nil
}

// dropEntriesFor removes the entries other than keep that name manifest, and those whose manifest
// is gone (a removed ledger, such as a demo's).
func dropEntriesFor(dir, manifest, keep string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("register the localnet: list %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() || e.Name() == keep || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		entry, err := readLocalnetEntry(filepath.Join(dir, e.Name()))
		if err != nil || entry.Manifest == "" {
			continue // unreadable, or a deployment on another cluster: not ours to judge
		}
		if _, statErr := os.Stat(entry.Manifest); entry.Manifest != manifest && !errors.Is(statErr, fs.ErrNotExist) {
			continue // another chain's
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("register the localnet: drop the stale entry %s: %w", e.Name(), err)
		}
	}
	return nil
}

// LookupLocalnet returns the registered entry for genesis hash, or found false when there is none.
func LookupLocalnet(hash solana.Hash) (entry LocalnetEntry, found bool, err error) {
	dir, err := LocalnetRegistryDir()
	if err != nil {
		return LocalnetEntry{}, false, err
	}
	entry, err = readLocalnetEntry(filepath.Join(dir, hash.String()+".json"))
	if errors.Is(err, fs.ErrNotExist) {
		return LocalnetEntry{}, false, nil
	}
	if err != nil {
		return LocalnetEntry{}, false, err
	}
	if entry.Manifest == "" {
		return LocalnetEntry{}, false, nil // a deployment, not a localnet
	}
	if !entry.GenesisHash.Equals(hash) {
		return LocalnetEntry{}, false, fmt.Errorf("localnet registry entry %s names genesis hash %s: remove the file", filepath.Join(dir, hash.String()+".json"), entry.GenesisHash)
	}
	return entry, true, nil
}

func readLocalnetEntry(path string) (LocalnetEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return LocalnetEntry{}, fmt.Errorf("read localnet registry entry: %w", err)
	}
	var d cli.Deployment
	if err := json.Unmarshal(data, &d); err != nil {
		return LocalnetEntry{}, fmt.Errorf("parse localnet registry entry %s: %w (remove the file; `ionet localnet up` writes it again)", path, err)
	}
	return LocalnetEntry{GenesisHash: d.GenesisHash, Manifest: d.Manifest, RPC: d.RPC}, nil
}

// localnetDeployment is the deployment file of the localnet m, whose manifest is at manifest.
func localnetDeployment(m *localnet.Manifest, manifest string) *cli.Deployment {
	d := &cli.Deployment{
		Cluster: localnet.ClusterName, GenesisHash: m.GenesisHash, RPC: m.RPC, Programs: m.Programs,
		Mints:            cli.DeploymentMints{IO: m.Mints.IO.Address, USDC: m.Mints.USDC.Address},
		UpgradeAuthority: m.UpgradeAuthority.Pubkey, Operator: m.Distribution.Pubkey,
		UpdatedAt: time.Now().UTC().Truncate(time.Second), Manifest: manifest,
	}
	if id, ok := m.Programs["governance"]; ok {
		d.Governance, _ = governance.GovernanceAddress(id) // a PDA of a valid id: no error
	}
	return d
}
