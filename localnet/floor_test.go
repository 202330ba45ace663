package localnet

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"
)

// BenchmarkSendFloor is BenchmarkTransfers' sending half against servers that do nothing but
// answer: the floor a real server's rate sits under on this machine. server=node is Node's HTTP
// server (server/floor.mjs: the body read, the signature taken from the base64 and answered in
// base58), server=go the same in Go's net/http; both share the cores with the Go senders, who
// build, sign and send as in BenchmarkTransfers.
func BenchmarkSendFloor(b *testing.B) {
	b.Run("server=node", func(b *testing.B) {
		url, pid := startFloorServer(b)
		for _, senders := range []int{1, 8} {
			b.Run(fmt.Sprintf("senders=%d", senders), func(b *testing.B) { benchmarkFloor(b, url, pid, senders) })
		}
	})
	b.Run("server=go", func(b *testing.B) {
		srv := httptest.NewServer(http.HandlerFunc(floorHandler))
		b.Cleanup(srv.Close)
		for _, senders := range []int{1, 8} {
			b.Run(fmt.Sprintf("senders=%d", senders), func(b *testing.B) { benchmarkFloor(b, srv.URL, 0, senders) })
		}
	})
}

// benchmarkFloor sends b.N transfers to url's server (process pid, 0 when in this process).
func benchmarkFloor(b *testing.B, url string, pid, senders int) {
	keys := make([]solana.PrivateKey, senders)
	for i := range keys {
		keys[i] = solana.NewWallet().PrivateKey
	}
	var blockhash atomic.Pointer[solana.Hash]
	blockhash.Store(&solana.Hash{1})
	txSenders := newSenders(b, url, keys, solana.NewWallet().PublicKey())
	b.ResetTimer()
	start := time.Now()
	cpu := startCPU(b, pid)
	sigs := sendTransfers(b, txSenders, &blockhash, 1)
	elapsed := time.Since(start)
	b.StopTimer()
	require.NotEmpty(b, sigs[len(sigs)-1])
	cpu.report(b)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "tx/s")
}

// startFloorServer runs server/floor.mjs until b ends and returns its URL and process id.
func startFloorServer(b *testing.B) (string, int) {
	cmd := exec.Command("node", filepath.Join("server", "floor.mjs")) // the test runs in localnet/
	out, err := cmd.StdoutPipe()
	require.NoError(b, err)
	require.NoError(b, cmd.Start())
	b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	var ready struct{ RPC string }
	line, err := bufio.NewReader(out).ReadBytes('\n')
	require.NoError(b, err)
	require.NoError(b, json.Unmarshal(line, &ready))
	return ready.RPC, cmd.Process.Pid
}

var (
	floorID = regexp.MustCompile(`"id":\s*("[^"\\]*"|\d+|null)`)
	floorTx = regexp.MustCompile(`"params":\["([A-Za-z0-9+/=]+)"`)
)

// floorHandler answers like server/floor.mjs.
func floorHandler(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	id := "null"
	if m := floorID.FindSubmatch(body); m != nil {
		id = string(m[1])
	}
	result := "null"
	if m := floorTx.FindSubmatch(body); m != nil {
		if tx, err := base64.StdEncoding.DecodeString(string(m[1])); err == nil && len(tx) >= 65 {
			result = `"` + solana.SignatureFromBytes(tx[1:65]).String() + `"`
		}
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"jsonrpc":"2.0","result":%s,"id":%s}`, result, id)
}
