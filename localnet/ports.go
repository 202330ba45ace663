package localnet

import (
	"errors"
	"fmt"
	"net"
	"strconv"
)

// FreePortPair returns a port P such that P and P+1 were both free (JSON-RPC and websocket).
// Another process may still take them before the server binds: Start retries on that.
func FreePortPair() (int, error) {
	for range 64 {
		first, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("localnet: find a free port: %w", err)
		}
		port := first.Addr().(*net.TCPAddr).Port
		second, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port+1)))
		_ = first.Close()
		if err == nil {
			_ = second.Close()
			return port, nil
		}
	}
	return 0, errors.New("localnet: no two adjacent free ports found after 64 tries: set Options.Port")
}

// freePort returns a port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("localnet: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
