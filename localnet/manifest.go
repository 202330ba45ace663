package localnet

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
)

// ManifestFile is the manifest's name inside the ledger directory.
const ManifestFile = "manifest.json"

// ClusterName is the manifest's cluster: tools refuse to use localnet keys anywhere else.
const ClusterName = "localnet"

// Manifest describes a local chain: where it serves, what its genesis created and where the
// keypairs are. It is written to <ledger>/manifest.json.
type Manifest struct {
	Cluster          string                      `json:"cluster"`
	Backend          Backend                     `json:"backend"`
	RPC              string                      `json:"rpc"`
	WS               string                      `json:"ws"`
	GenesisHash      solana.Hash                 `json:"genesisHash"`
	Programs         map[string]solana.PublicKey `json:"programs"`
	Mints            Mints                       `json:"mints"`
	MintAuthority    KeyRef                      `json:"mintAuthority"`
	UpgradeAuthority KeyRef                      `json:"upgradeAuthority"`
	Distribution     Wallet                      `json:"distribution"`
	Wallets          map[string]Wallet           `json:"wallets"`
}

// Mints are the genesis token mints.
type Mints struct {
	IO   Mint `json:"io"`
	USDC Mint `json:"usdc"`
}

// Mint is an SPL Token mint created at genesis.
type Mint struct {
	Address  solana.PublicKey `json:"address"`
	Decimals uint8            `json:"decimals"`
	Keypair  string           `json:"keypair"`
}

// KeyRef is a key and its Solana CLI keypair file.
type KeyRef struct {
	Pubkey  solana.PublicKey `json:"pubkey"`
	Keypair string           `json:"keypair"`
}

// Wallet is a funded wallet and its associated token accounts for the IO and USDC mints.
type Wallet struct {
	Pubkey      solana.PublicKey `json:"pubkey"`
	Keypair     string           `json:"keypair"`
	IOAccount   solana.PublicKey `json:"ioAccount"`
	USDCAccount solana.PublicKey `json:"usdcAccount"`
}

// Load reads the wallet's keypair file.
func (w Wallet) Load() (solana.PrivateKey, error) {
	return KeyRef{Pubkey: w.Pubkey, Keypair: w.Keypair}.Load()
}

// Load reads the keypair file and checks it holds Pubkey.
func (r KeyRef) Load() (solana.PrivateKey, error) {
	k, err := loadKey(r.Keypair)
	if err != nil {
		return nil, err
	}
	if !k.Public().Equals(r.Pubkey) {
		return nil, fmt.Errorf("localnet: keypair %s is for %s, not %s: the manifest and the keys disagree; restart the localnet", r.Keypair, k.Public(), r.Pubkey)
	}
	return k.Private, nil
}

// ReadManifest loads a manifest written by Start.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("localnet: read manifest: %w (is a localnet running with this ledger?)", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("localnet: parse manifest %s: %w", path, err)
	}
	if m.Cluster != ClusterName {
		return nil, fmt.Errorf("localnet: manifest %s is for cluster %q, not %q", path, m.Cluster, ClusterName)
	}
	return &m, nil
}

func (m *Manifest) write(path string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("localnet: encode manifest: %w", err)
	}
	// Write then rename, so a reader never sees half a manifest.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("localnet: write manifest: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("localnet: write manifest: %w", err)
	}
	return nil
}

// CheckCluster fails unless the chain behind client is the one this manifest describes (same
// genesis hash): localnet keys and funding must never be used on another cluster.
func (m *Manifest) CheckCluster(ctx context.Context, client *rpc.Client) error {
	hash, err := client.GetGenesisHash(ctx)
	if err != nil {
		return fmt.Errorf("localnet: get genesis hash: %w", err)
	}
	if !hash.Equals(m.GenesisHash) {
		return fmt.Errorf("localnet: the cluster has genesis hash %s but the localnet manifest says %s: refusing, this is not that localnet", hash, m.GenesisHash)
	}
	return nil
}

// newManifest describes the genesis built from keys; the URLs and genesis hash come later.
func newManifest(backend Backend, keys *genesisKeys, programs []program) *Manifest {
	m := &Manifest{
		Cluster:  ClusterName,
		Backend:  backend,
		Programs: programIDs(programs),
		Mints: Mints{
			IO:   Mint{Address: keys.IOMint.Public(), Decimals: IODecimals, Keypair: keys.IOMint.Path},
			USDC: Mint{Address: keys.USDCMint.Public(), Decimals: USDCDecimals, Keypair: keys.USDCMint.Path},
		},
		MintAuthority:    KeyRef{Pubkey: keys.MintAuthority.Public(), Keypair: keys.MintAuthority.Path},
		UpgradeAuthority: KeyRef{Pubkey: keys.UpgradeAuthority.Public(), Keypair: keys.UpgradeAuthority.Path},
		Wallets:          make(map[string]Wallet, len(keys.Wallets)),
	}
	m.Distribution = m.walletFor(keys.Distribution)
	for name, k := range keys.Wallets {
		m.Wallets[name] = m.walletFor(k)
	}
	return m
}

func (m *Manifest) walletFor(k keyFile) Wallet {
	return Wallet{
		Pubkey:      k.Public(),
		Keypair:     k.Path,
		IOAccount:   associatedTokenAddress(k.Public(), m.Mints.IO.Address),
		USDCAccount: associatedTokenAddress(k.Public(), m.Mints.USDC.Address),
	}
}

// ManifestPath is where Start writes the manifest of a chain with this ledger directory.
func ManifestPath(ledgerDir string) string { return filepath.Join(ledgerDir, ManifestFile) }
