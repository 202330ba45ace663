package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// SolanaConfig is the part of the Solana CLI's config.yml that ionet reads.
type SolanaConfig struct {
	JSONRPCURL   string `yaml:"json_rpc_url"`
	WebsocketURL string `yaml:"websocket_url"`
	KeypairPath  string `yaml:"keypair_path"`
	Commitment   string `yaml:"commitment"`
}

// DefaultSolanaConfigPath is where the Solana CLI keeps its config.
func DefaultSolanaConfigPath(home string) string {
	return filepath.Join(home, ".config", "solana", "cli", "config.yml")
}

// DefaultKeypairPath is the Solana CLI's default wallet.
func DefaultKeypairPath(home string) string {
	return filepath.Join(home, ".config", "solana", "id.json")
}

// LoadSolanaConfig reads a Solana CLI config file. A missing file is an empty config, unless
// required (the user named it explicitly).
func LoadSolanaConfig(path string, required bool) (SolanaConfig, error) {
	var cfg SolanaConfig
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !required {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read Solana CLI config: %w", err)
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return cfg, fmt.Errorf("parse Solana CLI config %s: %w", path, err)
	}
	return cfg, nil
}

// expandHome replaces a leading ~ with home.
func expandHome(path, home string) string {
	if path == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		return filepath.Join(home, rest)
	}
	return path
}
