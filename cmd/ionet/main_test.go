package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// The tests share one localnet, started by the first test that needs it.
var chain localnettest.LazyChain

func TestMain(m *testing.M) {
	os.Exit(chain.Stop(m.Run(), "ionet"))
}

func testChain(t *testing.T) *localnet.Chain {
	t.Helper()
	return chain.Get(t)
}

// goCaches is Go's build and module caches, which live under HOME by default.
var goCaches = sync.OnceValues(func() ([]string, error) {
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE").Output()
	return strings.Fields(string(out)), err
})

// isolate gives the test an empty home: no Solana CLI config, no default ledger, no localnet
// registry. Go's caches stay where they are, so a command that builds (verify --build) is not
// a cold build.
func isolate(t *testing.T) string {
	if caches, err := goCaches(); err == nil && len(caches) == 2 {
		t.Setenv("GOCACHE", caches[0])
		t.Setenv("GOMODCACHE", caches[1])
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv(localnetcli.EnvManifest, "")
	return home
}

// ionet runs the CLI in-process and returns its exit code, stdout and stderr.
func ionet(ctx context.Context, args ...string) (int, string, string) {
	var stdout, stderr localnettest.SyncBuffer
	return runIonet(ctx, &stdout, &stderr, args...), stdout.String(), stderr.String()
}

func runIonet(ctx context.Context, stdout, stderr *localnettest.SyncBuffer, args ...string) int {
	app := newApp()
	app.Writer, app.ErrWriter = stdout, stderr
	return cli.Run(ctx, app, append([]string{"ionet"}, args...))
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// decode parses a command's JSON output.
func decode[T any](t *testing.T, out string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(out), &v), "output: %s", out)
	return v
}

// lines splits output into trimmed, single-spaced lines for comparing tabwriter tables.
func lines(out string) []string {
	var got []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		got = append(got, strings.Join(strings.Fields(l), " "))
	}
	return got
}
