package portable

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

// A built ionet, copied away from the repository and run from another directory with an empty
// home, serves a local chain with the programs deployed: the server and the programs travel
// inside the binary and its npm packages are installed once into the cache directory. A second
// `up` on the same ledger, from another process, is refused without installing again.
func TestLocalnetUpOutsideTheRepository(t *testing.T) {
	npmCache := realNPMCache(t)
	work := t.TempDir()
	bin := filepath.Join(work, "bin", "ionet")
	build := exec.Command(goTool(t), "build", "-o", bin, "github.com/ionet-oss/ionet/cmd/ionet")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build ./cmd/ionet: %s", out)

	home := filepath.Join(work, "home")
	env := isolatedEnv(home, npmCache)
	ledger := filepath.Join(work, "ledger")
	port := localnettest.FreePortPair(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	up := exec.Command(bin, "localnet", "up", "--port", fmt.Sprint(port), "--ledger", ledger, "--slot-ms", "100", "-o", "json")
	up.Dir, up.Env = work, env // not inside the repository
	var stdout, stderr localnettest.SyncBuffer
	up.Stdout, up.Stderr = &stdout, &stderr
	require.NoError(t, up.Start())
	exited := make(chan error, 1)
	go func() { exited <- up.Wait() }()
	defer func() { _ = up.Process.Kill() }() // a no-op once it has exited

	var report struct {
		RPC      string `json:"rpc"`
		Manifest string `json:"manifest"`
	}
	for json.Unmarshal([]byte(stdout.String()), &report) != nil {
		select {
		case err := <-exited:
			t.Fatalf("localnet up exited before serving (%v): %s", err, stderr.String())
		case <-ctx.Done():
			t.Fatalf("localnet up not serving after 5 minutes: %s", stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
	}

	cacheDir := filepath.Join(home, ".cache", "ionet", "localnet")
	notice := regexp.MustCompile(`installing the local chain's npm packages into (` + regexp.QuoteMeta(cacheDir) + `/[0-9a-f]{16}) \(once\)`)
	match := notice.FindStringSubmatch(stderr.String())
	require.NotNil(t, match, "stderr: %s", stderr.String())
	chainFiles := match[1]
	assert.FileExists(t, filepath.Join(chainFiles, "node_modules", "litesvm", "package.json"))

	// It serves JSON-RPC with the programs deployed, from the files in the cache.
	client := rpc.New(report.RPC)
	health, err := client.GetHealth(ctx)
	require.NoError(t, err)
	assert.Equal(t, rpc.HealthOk, health)
	version, err := client.GetVersion(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, version.SolanaCore)
	m, err := localnet.ReadManifest(report.Manifest)
	require.NoError(t, err)
	require.Len(t, m.Programs, 5, "staking, jobs, emission, governance, capacity")
	for name, id := range m.Programs {
		acct, err := client.GetAccountInfo(ctx, id)
		require.NoError(t, err, name)
		assert.True(t, acct.Value.Executable, "%s is deployed", name)
		assert.Equal(t, solana.BPFLoaderUpgradeableProgramID, acct.Value.Owner, name)
	}
	assert.True(t, strings.HasPrefix(m.Wallets["alice"].Keypair, chainFiles+string(filepath.Separator)),
		"the manifest hands out the cached keypairs: %s", m.Wallets["alice"].Keypair)

	// The same binary, given only --url, finds the manifest and names IO and USDC.
	balance := exec.Command(bin, "balance", "-u", report.RPC, "-o", "json", m.Wallets["alice"].Pubkey.String())
	balance.Dir, balance.Env = work, env
	out, err = balance.Output()
	require.NoError(t, err, "balance: %s", out)
	var got struct {
		IO, USDC *struct {
			Mint string `json:"mint"`
		}
	}
	require.NoError(t, json.Unmarshal(out, &got), "balance: %s", out)
	require.NotNil(t, got.IO, "IO is named: %s", out)
	require.NotNil(t, got.USDC, "USDC is named: %s", out)
	assert.Equal(t, m.Mints.IO.Address.String(), got.IO.Mint)
	assert.Equal(t, m.Mints.USDC.Address.String(), got.USDC.Mint)

	// A second up on the ledger, from another process: refused, and nothing installed again.
	second := exec.Command(bin, "localnet", "up", "--port", fmt.Sprint(localnettest.FreePortPair(t)), "--ledger", ledger)
	second.Dir, second.Env = work, env
	out, err = second.CombinedOutput()
	require.Error(t, err, "%s", out)
	assert.Contains(t, string(out), fmt.Sprintf("process %d already runs a local chain on %s", up.Process.Pid, ledger))
	assert.NotContains(t, string(out), "installing", "the packages are installed once")

	require.NoError(t, up.Process.Signal(syscall.SIGINT)) // Ctrl-C
	select {
	case err := <-exited:
		require.NoError(t, err, "stderr: %s", stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("localnet up did not stop on Ctrl-C")
	}
}

// isolatedEnv is this process's environment with an empty home and none of the overrides that
// would point the binary back at the repository.
func isolatedEnv(home, npmCache string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", localnet.EnvDir, localnetcli.EnvManifest,
			"npm_config_cache", "NPM_CONFIG_CACHE":
			continue
		}
		env = append(env, kv)
	}
	// npm's download cache stays the machine's, so the install needs no network where `make
	// deps` ran (npm ci --prefer-offline); the installed packages still go to the new home.
	return append(env, "HOME="+home, "npm_config_cache="+npmCache)
}

// realNPMCache is npm's cache directory for the real home.
func realNPMCache(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("npm", "config", "get", "cache").Output()
	require.NoError(t, err, "npm config get cache (make deps installs npm)")
	return strings.TrimSpace(string(out))
}

// goTool is the go command that runs these tests.
func goTool(t *testing.T) string {
	t.Helper()
	if path, err := exec.LookPath("go"); err == nil {
		return path
	}
	path := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	_, err := os.Stat(path)
	require.NoError(t, err, "no go command on PATH")
	return path
}
