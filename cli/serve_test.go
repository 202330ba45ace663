package cli

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServe(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })

	stop, err := Serve("", "listen", h, log)
	require.NoError(t, err)
	stop() // serving nothing stops at once

	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	_, err = Serve(taken.Addr().String(), "listen", h, log)
	assert.ErrorContains(t, err, "--listen "+taken.Addr().String())

	free := taken.Addr().String()
	require.NoError(t, taken.Close())
	stop, err = Serve(free, "listen", h, log)
	require.NoError(t, err)
	res, err := http.Get("http://" + free + "/healthz")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	assert.Equal(t, "ok", string(body))
	stop()
	_, err = http.Get("http://" + free + "/healthz")
	assert.Error(t, err, "stopped")
}
