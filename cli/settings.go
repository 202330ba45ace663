package cli

import (
	"fmt"

	"github.com/gagliardetto/solana-go/rpc"
)

// DefaultURL is the cluster used when neither --url nor the Solana CLI config names one: a
// local chain, so that nothing touches a public cluster by accident.
const DefaultURL = "http://127.0.0.1:8899"

// Format is how commands print their results.
type Format string

const (
	FormatHuman Format = "human"
	FormatJSON  Format = "json"
)

// FlagValues are the global flags as the user gave them ("" when absent).
type FlagValues struct {
	URL        string
	WS         string
	Keypair    string
	Commitment string
	Output     string
	Config     string // Solana CLI config file
	Deployment string // deployment file (see FindDeployment)
}

// Settings are the resolved global settings every command runs with.
type Settings struct {
	RPCURL      string
	WSURL       string
	KeypairPath string
	Commitment  rpc.CommitmentType
	Output      Format
}

// Resolve combines the flags with the Solana CLI config (flags win) and the defaults, the way
// the Solana CLI does. home is the user's home directory.
func Resolve(f FlagValues, home string) (Settings, error) {
	configPath := f.Config
	if configPath == "" {
		configPath = DefaultSolanaConfigPath(home)
	}
	cfg, err := LoadSolanaConfig(expandHome(configPath, home), f.Config != "")
	if err != nil {
		return Settings{}, err
	}

	var s Settings
	if s.RPCURL, err = ResolveURL(firstSet(f.URL, cfg.JSONRPCURL, DefaultURL)); err != nil {
		return Settings{}, err
	}
	// An explicit --url outranks a websocket URL from the config, which belongs to the
	// config's own cluster.
	wsConfig := cfg.WebsocketURL
	if f.URL != "" {
		wsConfig = ""
	}
	if ws := firstSet(f.WS, wsConfig); ws != "" {
		s.WSURL = ws
	} else if s.WSURL, err = WebsocketURL(s.RPCURL); err != nil {
		return Settings{}, err
	}
	s.KeypairPath = expandHome(firstSet(f.Keypair, cfg.KeypairPath, DefaultKeypairPath(home)), home)
	if s.Commitment, err = parseCommitment(firstSet(f.Commitment, cfg.Commitment, string(rpc.CommitmentConfirmed))); err != nil {
		return Settings{}, err
	}
	if s.Output, err = parseFormat(firstSet(f.Output, string(FormatHuman))); err != nil {
		return Settings{}, err
	}
	return s, nil
}

func parseCommitment(s string) (rpc.CommitmentType, error) {
	switch c := rpc.CommitmentType(s); c {
	case rpc.CommitmentProcessed, rpc.CommitmentConfirmed, rpc.CommitmentFinalized:
		return c, nil
	}
	return "", fmt.Errorf("--commitment %q: use processed, confirmed or finalized", s)
}

func parseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatHuman, FormatJSON:
		return f, nil
	}
	return "", fmt.Errorf("--output %q: use human or json", s)
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
