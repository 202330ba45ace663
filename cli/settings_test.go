package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A config file as `solana config set` writes it.
const devnetConfig = `---
json_rpc_url: "https://api.devnet.solana.com"
websocket_url: ""
keypair_path: /keys/dev.json
address_labels:
  "11111111111111111111111111111111": System Program
commitment: finalized
`

const customWSConfig = `json_rpc_url: http://10.1.1.1:7000
websocket_url: ws://10.1.1.1:9999/
keypair_path: ~/wallets/me.json
`

func TestResolve(t *testing.T) {
	home := t.TempDir()
	writeConfig := func(rel, body string) string {
		path := filepath.Join(home, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
		return path
	}
	writeConfig(".config/solana/cli/config.yml", devnetConfig)
	custom := writeConfig("other/config.yml", customWSConfig)
	broken := writeConfig("other/broken.yml", "json_rpc_url: [unclosed\n")
	empty := writeConfig("other/empty.yml", "")

	tests := []struct {
		name   string
		flags  FlagValues
		want   Settings
		errHas string
	}{
		{"default config file", FlagValues{}, Settings{
			RPCURL: "https://api.devnet.solana.com", WSURL: "wss://api.devnet.solana.com",
			KeypairPath: "/keys/dev.json", Commitment: "finalized", Output: FormatHuman,
		}, ""},
		{"flags beat the config", FlagValues{URL: "localhost", Keypair: "/k.json", Commitment: "processed", Output: "json"}, Settings{
			RPCURL: "http://127.0.0.1:8899", WSURL: "ws://127.0.0.1:8900",
			KeypairPath: "/k.json", Commitment: "processed", Output: FormatJSON,
		}, ""},
		{"config websocket_url is explicit", FlagValues{Config: custom}, Settings{
			RPCURL: "http://10.1.1.1:7000", WSURL: "ws://10.1.1.1:9999/",
			KeypairPath: filepath.Join(home, "wallets/me.json"), Commitment: "confirmed", Output: FormatHuman,
		}, ""},
		{"--url drops the config's websocket_url", FlagValues{Config: custom, URL: "http://10.2.2.2:8000"}, Settings{
			RPCURL: "http://10.2.2.2:8000", WSURL: "ws://10.2.2.2:8001",
			KeypairPath: filepath.Join(home, "wallets/me.json"), Commitment: "confirmed", Output: FormatHuman,
		}, ""},
		{"--ws wins", FlagValues{Config: custom, URL: "devnet", WS: "wss://ws.example.com"}, Settings{
			RPCURL: "https://api.devnet.solana.com", WSURL: "wss://ws.example.com",
			KeypairPath: filepath.Join(home, "wallets/me.json"), Commitment: "confirmed", Output: FormatHuman,
		}, ""},
		{"empty config: defaults", FlagValues{Config: empty}, Settings{
			RPCURL: "http://127.0.0.1:8899", WSURL: "ws://127.0.0.1:8900",
			KeypairPath: filepath.Join(home, ".config/solana/id.json"), Commitment: "confirmed", Output: FormatHuman,
		}, ""},
		{"~ in --keypair", FlagValues{Config: empty, Keypair: "~/id.json"}, Settings{
			RPCURL: "http://127.0.0.1:8899", WSURL: "ws://127.0.0.1:8900",
			KeypairPath: filepath.Join(home, "id.json"), Commitment: "confirmed", Output: FormatHuman,
		}, ""},
		{"named config must exist", FlagValues{Config: filepath.Join(home, "nope.yml")}, Settings{}, "no such file"},
		{"broken config", FlagValues{Config: broken}, Settings{}, "parse Solana CLI config"},
		{"bad url", FlagValues{URL: "mainnet"}, Settings{}, `--url "mainnet"`},
		{"bad commitment", FlagValues{Commitment: "max"}, Settings{}, "use processed, confirmed or finalized"},
		{"bad output", FlagValues{Output: "yaml"}, Settings{}, "use human or json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.flags, home)
			if tt.errHas != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.errHas)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestResolveWithoutConfigFile(t *testing.T) {
	home := t.TempDir() // no ~/.config/solana at all
	got, err := Resolve(FlagValues{}, home)
	require.NoError(t, err)
	assert.Equal(t, Settings{
		RPCURL: DefaultURL, WSURL: "ws://127.0.0.1:8900",
		KeypairPath: filepath.Join(home, ".config", "solana", "id.json"),
		Commitment:  "confirmed", Output: FormatHuman,
	}, got)
}
