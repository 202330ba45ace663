package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// TestExplorerCommand: `ionet explorer --open` prints its URL, serves until cancelled, then
// exits 0; a bad --listen is refused with the flag named.
func TestExplorerCommand(t *testing.T) {
	chain := testChain(t)
	isolate(t)
	ctx, cancel := context.WithCancel(testContext(t))
	var stdout, stderr localnettest.SyncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runIonet(ctx, &stdout, &stderr, "--url", chain.RPCURL, "explorer", "--listen", "127.0.0.1:0", "--open")
	}()
	require.Eventually(t, func() bool { return strings.HasPrefix(stdout.String(), "http://127.0.0.1:") }, 10*time.Second, 20*time.Millisecond, stderr.String())
	url := strings.TrimSpace(stdout.String())

	res, err := http.Get(url + "api/chart?span=week")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, string(body), "span must be day, month or year")

	cancel()
	select {
	case code := <-done:
		require.Equal(t, 0, code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("the explorer did not stop when its context ended")
	}

	// --output json: one document with the URL.
	ctx, cancel = context.WithCancel(testContext(t))
	var jsonOut, jsonErr localnettest.SyncBuffer
	go func() {
		done <- runIonet(ctx, &jsonOut, &jsonErr, "--url", chain.RPCURL, "--output", "json", "explorer", "--listen", "127.0.0.1:0")
	}()
	require.Eventually(t, func() bool { return strings.HasSuffix(jsonOut.String(), "}\n") }, 10*time.Second, 20*time.Millisecond, jsonErr.String())
	report := decode[struct {
		URL     string `json:"url"`
		Cluster string `json:"cluster"`
	}](t, jsonOut.String())
	require.True(t, strings.HasPrefix(report.URL, "http://127.0.0.1:"))
	require.Equal(t, chain.RPCURL, report.Cluster)
	cancel()
	require.Equal(t, 0, <-done, jsonErr.String())

	code, _, errOut := ionet(testContext(t), "--url", chain.RPCURL, "explorer", "--listen", "nonsense")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "--listen nonsense")
}
