package capacity_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/capacity"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/localnet/localnettest"
	workercap "github.com/ionet-oss/ionet/worker/capacity"
)

// Where nvidia-smi is on PATH (a GPU machine), the prover says at start that the challenges use
// the CPU path; without it, it says nothing of GPUs.
func TestProverLogsTheCPUPathOnAGPUMachine(t *testing.T) {
	for _, gpu := range []bool{true, false} {
		dir := t.TempDir()
		if gpu {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "nvidia-smi"), []byte("#!/bin/sh\nexit 0\n"), 0o755))
		}
		t.Setenv("PATH", dir)
		cp, err := capacity.New(solanax.New("http://127.0.0.1:1", ""), solana.PublicKey{}, solana.PublicKey{})
		require.NoError(t, err)
		var logs localnettest.SyncBuffer
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		(&workercap.Prover{Client: cp, Device: solana.NewWallet().PrivateKey, Poll: time.Hour, Log: slog.New(slog.NewTextHandler(&logs, nil))}).Run(ctx)
		cancel()
		require.Equal(t, gpu, strings.Contains(logs.String(), "use the CPU path"), "nvidia-smi present: %v\n%s", gpu, logs.String())
	}
}
