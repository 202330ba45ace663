package cli

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Cluster monikers, as the Solana CLI accepts them for --url.
var clusterMonikers = map[string]string{
	"localhost":    "http://127.0.0.1:8899",
	"l":            "http://127.0.0.1:8899",
	"devnet":       "https://api.devnet.solana.com",
	"d":            "https://api.devnet.solana.com",
	"testnet":      "https://api.testnet.solana.com",
	"t":            "https://api.testnet.solana.com",
	"mainnet-beta": "https://api.mainnet-beta.solana.com",
	"m":            "https://api.mainnet-beta.solana.com",
}

// ResolveURL turns a --url value (a moniker or an http(s) URL) into a JSON-RPC URL.
func ResolveURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if full, ok := clusterMonikers[s]; ok {
		return full, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--url %q: give localhost, devnet, testnet, mainnet-beta, or an http(s):// URL", s)
	}
	return u.String(), nil
}

// WebsocketURL derives the websocket URL from a JSON-RPC URL the Solana CLI way: ws for http,
// wss for https, and the port plus one when the URL names a port.
func WebsocketURL(rpcURL string) (string, error) {
	u, err := url.Parse(rpcURL)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("derive websocket URL from %q: not a URL", rpcURL)
	}
	switch u.Scheme {
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return "", fmt.Errorf("derive websocket URL from %q: scheme must be http or https", rpcURL)
	}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil || port >= 65535 {
			return "", fmt.Errorf("derive websocket URL from %q: port %q leaves no room for port+1", rpcURL, p)
		}
		u.Host = joinHostPort(u.Hostname(), port+1)
	}
	return u.String(), nil
}

func joinHostPort(host string, port int) string {
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	return host + ":" + strconv.Itoa(port)
}
