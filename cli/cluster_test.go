package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolveURL(t *testing.T) {
	tests := []urlCase{
		{"localhost", "http://127.0.0.1:8899", ""},
		{"l", "http://127.0.0.1:8899", ""},
		{"devnet", "https://api.devnet.solana.com", ""},
		{"d", "https://api.devnet.solana.com", ""},
		{"testnet", "https://api.testnet.solana.com", ""},
		{"mainnet-beta", "https://api.mainnet-beta.solana.com", ""},
		{"m", "https://api.mainnet-beta.solana.com", ""},
		{"http://10.0.0.5:9000", "http://10.0.0.5:9000", ""},
		{"https://rpc.example.com/key/abc", "https://rpc.example.com/key/abc", ""},
		{" devnet ", "https://api.devnet.solana.com", ""},
		{"mainnet", "", "give localhost, devnet"},
		{"ws://127.0.0.1:8900", "", "http(s)://"},
		{"127.0.0.1:8899", "", "http(s)://"},
		{"", "", "give localhost"},
	}
	checkURLs(t, ResolveURL, tests)
}

func TestWebsocketURL(t *testing.T) {
	tests := []urlCase{
		{"http://127.0.0.1:8899", "ws://127.0.0.1:8900", ""},
		{"https://example.com:1234", "wss://example.com:1235", ""},
		{"https://api.devnet.solana.com", "wss://api.devnet.solana.com", ""},
		{"http://api.devnet.solana.com", "ws://api.devnet.solana.com", ""},
		{"https://rpc.example.com/key/abc", "wss://rpc.example.com/key/abc", ""},
		{"http://[::1]:8899", "ws://[::1]:8900", ""},
		{"http://host:65535", "", "no room for port+1"},
		{"ftp://host:21", "", "scheme must be http or https"},
		{"garbage", "", "not a URL"},
	}
	checkURLs(t, WebsocketURL, tests)
}

// urlCase is an input, the URL it gives, or a fragment of the error it gives.
type urlCase struct{ in, want, errHas string }

// checkURLs runs the URL cases through f.
func checkURLs(t *testing.T, f func(string) (string, error), tests []urlCase) {
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := f(tt.in)
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
