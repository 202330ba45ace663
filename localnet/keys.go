package localnet

import (
	"fmt"
	"path/filepath"

	"github.com/gagliardetto/solana-go"
)

// The keypairs are read from <localnet dir>/keys (a checkout's, or the embedded copy written to
// the cache directory, see embedded.go): the manifest hands out keypair file paths that the CLI
// and other tools open.

// WalletNames are the funded test wallets every genesis creates, in manifest order.
var WalletNames = []string{"alice", "bob", "carol", "dave", "erin", "keeper", "worker"}

// keyFile is a keypair read from a Solana CLI keypair file.
type keyFile struct {
	Path    string
	Private solana.PrivateKey
}

// Public returns the key's address.
func (k keyFile) Public() solana.PublicKey { return k.Private.PublicKey() }

// genesisKeys are the committed localnet-only keypairs the genesis uses.
type genesisKeys struct {
	IOMint           keyFile
	USDCMint         keyFile
	Distribution     keyFile
	MintAuthority    keyFile
	UpgradeAuthority keyFile
	Wallets          map[string]keyFile
}

func loadKey(path string) (keyFile, error) {
	priv, err := solana.PrivateKeyFromSolanaKeygenFile(path)
	if err != nil {
		return keyFile{}, fmt.Errorf("localnet: read keypair %s: %w", path, err)
	}
	if err := priv.Validate(); err != nil {
		return keyFile{}, fmt.Errorf("localnet: keypair %s is not a valid ed25519 key: %w", path, err)
	}
	return keyFile{Path: path, Private: priv}, nil
}

func loadGenesisKeys(keysDir string) (*genesisKeys, error) {
	keys := &genesisKeys{Wallets: make(map[string]keyFile, len(WalletNames))}
	for name, dst := range map[string]*keyFile{
		"io-mint":           &keys.IOMint,
		"usdc-mint":         &keys.USDCMint,
		"distribution":      &keys.Distribution,
		"mint-authority":    &keys.MintAuthority,
		"upgrade-authority": &keys.UpgradeAuthority,
	} {
		k, err := loadKey(filepath.Join(keysDir, name+".json"))
		if err != nil {
			return nil, err
		}
		*dst = k
	}
	for _, name := range WalletNames {
		k, err := loadKey(filepath.Join(keysDir, name+".json"))
		if err != nil {
			return nil, err
		}
		keys.Wallets[name] = k
	}
	return keys, nil
}

// keyOf gives Transaction.Sign the private key of each signer.
func keyOf(signers []solana.PrivateKey) func(solana.PublicKey) *solana.PrivateKey {
	return func(pub solana.PublicKey) *solana.PrivateKey {
		for i := range signers {
			if signers[i].PublicKey().Equals(pub) {
				return &signers[i]
			}
		}
		return nil
	}
}
