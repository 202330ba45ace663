package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/cli/localnetcli"
	"github.com/ionet-oss/ionet/localnet"
	"github.com/ionet-oss/ionet/localnet/localnettest"
)

func TestVersion(t *testing.T) {
	isolate(t)
	code, out, errOut := ionet(context.Background(), "version")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "ionet dev ("+runtime.Version()+", "+runtime.GOOS+"/"+runtime.GOARCH+")\n", out)

	code, out, errOut = ionet(context.Background(), "version", "--output", "json")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, cli.VersionReport{Name: "ionet", Version: "dev", Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH},
		decode[cli.VersionReport](t, out))
}

func TestBalance(t *testing.T) {
	home := isolate(t)
	c := testChain(t)
	m := c.Manifest
	alice := m.Wallets["alice"]
	ctx := testContext(t)

	t.Run("human, PUBKEY and manifest", func(t *testing.T) {
		code, out, errOut := ionet(ctx, "balance", "-u", c.RPCURL, "--manifest", c.ManifestPath, alice.Pubkey.String())
		require.Equal(t, 0, code, errOut)
		assert.Empty(t, errOut)
		assert.Equal(t, []string{
			"Wallet " + alice.Pubkey.String(),
			"SOL 1000",
			"IO 1000000 (account " + alice.IOAccount.String() + ")",
			"USDC 1000000 (account " + alice.USDCAccount.String() + ")",
		}, lines(out))
	})
	t.Run("json, keypair wallet, manifest from the environment", func(t *testing.T) {
		t.Setenv(localnetcli.EnvManifest, c.ManifestPath)
		code, out, errOut := ionet(ctx, "balance", "--url", c.RPCURL, "--keypair", alice.Keypair, "-o", "json")
		require.Equal(t, 0, code, errOut)
		got := decode[balanceReport](t, out)
		assert.Equal(t, balanceReport{
			Wallet: alice.Pubkey.String(),
			SOL:    cli.Amount{Amount: "1000000000000", Decimals: 9, UIAmountString: "1000"},
			IO: &tokenJSON{Mint: m.Mints.IO.Address.String(), Account: alice.IOAccount.String(), Exists: true,
				Amount: cli.Amount{Amount: "100000000000000", Decimals: 8, UIAmountString: "1000000"}},
			USDC: &tokenJSON{Mint: m.Mints.USDC.Address.String(), Account: alice.USDCAccount.String(), Exists: true,
				Amount: cli.Amount{Amount: "1000000000000", Decimals: 6, UIAmountString: "1000000"}},
		}, got)
	})
	t.Run("default ledger manifest and Solana CLI config", func(t *testing.T) {
		dataHome := t.TempDir()
		t.Setenv("XDG_DATA_HOME", dataHome)
		ledger := filepath.Join(dataHome, "ionet", "localnet")
		require.NoError(t, os.MkdirAll(ledger, 0o755))
		data, err := os.ReadFile(c.ManifestPath)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(ledger, localnet.ManifestFile), data, 0o644))
		config := filepath.Join(home, ".config", "solana", "cli", "config.yml")
		require.NoError(t, os.MkdirAll(filepath.Dir(config), 0o755))
		require.NoError(t, os.WriteFile(config, []byte("json_rpc_url: "+c.RPCURL+"\nkeypair_path: "+alice.Keypair+"\n"), 0o600))
		t.Cleanup(func() { _ = os.Remove(config) })

		code, out, errOut := ionet(ctx, "balance", "-o", "json")
		require.Equal(t, 0, code, errOut)
		got := decode[balanceReport](t, out)
		assert.Equal(t, alice.Pubkey.String(), got.Wallet)
		require.NotNil(t, got.IO)
		assert.Equal(t, "1000000", got.IO.UIAmountString)
	})
	t.Run("mints from flags, wallet without token accounts", func(t *testing.T) {
		fresh := solana.NewWallet().PublicKey()
		code, out, errOut := ionet(ctx, "balance", "-u", c.RPCURL, "--io-mint", m.Mints.IO.Address.String(),
			"--usdc-mint", m.Mints.USDC.Address.String(), fresh.String())
		require.Equal(t, 0, code, errOut)
		assert.Equal(t, []string{
			"Wallet " + fresh.String(), "SOL 0", "IO 0 (no token account yet)", "USDC 0 (no token account yet)",
		}, lines(out))
	})
	t.Run("no mints known", func(t *testing.T) {
		code, out, errOut := ionet(ctx, "balance", "-u", c.RPCURL, alice.Pubkey.String())
		require.Equal(t, 0, code, errOut)
		assert.Equal(t, []string{
			"Wallet " + alice.Pubkey.String(), "SOL 1000",
			"IO unknown mint (pass --io-mint, or use a localnet with its manifest)",
			"USDC unknown mint (pass --usdc-mint, or use a localnet with its manifest)",
		}, lines(out))
		code, out, _ = ionet(ctx, "balance", "-u", c.RPCURL, "-o", "json", alice.Pubkey.String())
		require.Equal(t, 0, code)
		assert.NotContains(t, out, `"io"`)
	})
}

func TestBalanceErrors(t *testing.T) {
	isolate(t)
	c := testChain(t)
	ctx := testContext(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad pubkey", []string{"balance", "-u", c.RPCURL, "notakey"}, `Error: PUBKEY "notakey" is not a base58 public key`},
		{"two pubkeys", []string{"balance", "-u", c.RPCURL, "a", "b"}, "Error: balance takes at most one PUBKEY, got 2 arguments"},
		{"no keypair", []string{"balance", "-u", c.RPCURL}, "create one with `ionet keygen new --outfile "},
		{"bad mint flag", []string{"balance", "-u", c.RPCURL, "--io-mint", "xyz", "11111111111111111111111111111111"}, `Error: --io-mint "xyz" is not a base58 public key`},
		{"mint not on this cluster", []string{"balance", "-u", c.RPCURL, "--io-mint", solana.NewWallet().PublicKey().String(), "11111111111111111111111111111111"},
			"account not found (is this the right cluster?)"},
		{"missing manifest", []string{"balance", "-u", c.RPCURL, "--manifest", "/nonexistent/manifest.json", "11111111111111111111111111111111"},
			"read manifest"},
		{"nothing listening", []string{"balance", "-u", "http://127.0.0.1:1", "11111111111111111111111111111111"},
			"Nothing answers at http://127.0.0.1:1: start a local chain with `ionet localnet up`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := ionet(ctx, tt.args...)
			assert.Equal(t, 1, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
			assert.Equal(t, 1, strings.Count("\n"+errOut, "\nError:"), errOut)
			assert.NotContains(t, errOut, "jsonrpc.RPCError", "RPC errors are folded into one line")
		})
	}
}

func TestLocalnetFund(t *testing.T) {
	isolate(t)
	c := testChain(t)
	ctx := testContext(t)
	to := solana.NewWallet().PublicKey()

	code, out, errOut := ionet(ctx, "localnet", "fund", "-u", c.RPCURL, "--manifest", c.ManifestPath,
		"--to", to.String(), "--sol", "1.5", "--io", "10.25", "--usdc", "2", "-o", "json")
	require.Equal(t, 0, code, errOut)
	report := decode[fundReport](t, out)
	assert.Equal(t, to.String(), report.To)
	assert.Equal(t, cli.Amount{Amount: "1500000000", Decimals: 9, UIAmountString: "1.5"}, report.SOL)
	assert.Equal(t, cli.Amount{Amount: "1025000000", Decimals: 8, UIAmountString: "10.25"}, report.IO)
	assert.Equal(t, cli.Amount{Amount: "2000000", Decimals: 6, UIAmountString: "2"}, report.USDC)
	_, err := solana.SignatureFromBase58(report.Signature)
	require.NoError(t, err)

	code, out, errOut = ionet(ctx, "balance", "-u", c.RPCURL, "--manifest", c.ManifestPath, to.String())
	require.Equal(t, 0, code, errOut)
	got := lines(out)
	require.Len(t, got, 4)
	assert.Equal(t, []string{"SOL 1.5", "IO 10.25", "USDC 2"},
		[]string{got[1], strings.SplitN(got[2], " (", 2)[0], strings.SplitN(got[3], " (", 2)[0]})

	t.Run("url from the manifest", func(t *testing.T) {
		code, out, errOut := ionet(ctx, "localnet", "fund", "--manifest", c.ManifestPath, "--to", to.String(), "--sol", "0.25", "--usdc", "1.5", "-o", "json")
		require.Equal(t, 0, code, errOut)
		assert.Equal(t, "250000000", decode[fundReport](t, out).SOL.Amount)
	})
	t.Run("human output", func(t *testing.T) {
		code, out, errOut := ionet(ctx, "localnet", "fund", "-u", c.RPCURL, "--manifest", c.ManifestPath, "--to", to.String(), "--io", "1")
		require.Equal(t, 0, code, errOut)
		assert.True(t, strings.HasPrefix(out, "Sent 1 IO to "+to.String()+"\nSignature "), out)
	})
}

func TestLocalnetFundRefuses(t *testing.T) {
	isolate(t)
	c := testChain(t)
	ctx := testContext(t)
	to := solana.NewWallet().PublicKey().String()

	// The same manifest with another genesis hash describes a different chain.
	m, err := localnet.ReadManifest(c.ManifestPath)
	require.NoError(t, err)
	m.GenesisHash = solana.Hash{7}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	otherChain := filepath.Join(t.TempDir(), "manifest.json")
	require.NoError(t, os.WriteFile(otherChain, data, 0o644))

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"another cluster", []string{"-u", c.RPCURL, "--manifest", otherChain, "--to", to, "--sol", "1"},
			"refusing, this is not that localnet"},
		{"no manifest", []string{"-u", c.RPCURL, "--to", to, "--sol", "1"}, "no localnet manifest: start a local chain with `ionet localnet up`"},
		{"no --to", []string{"-u", c.RPCURL, "--sol", "1"}, "--to PUBKEY is required"},
		{"bad --to", []string{"-u", c.RPCURL, "--to", "zz", "--sol", "1"}, `--to "zz" is not a base58 public key`},
		{"nothing to send", []string{"-u", c.RPCURL, "--manifest", c.ManifestPath, "--to", to}, "nothing to send"},
		{"too many decimals", []string{"-u", c.RPCURL, "--manifest", c.ManifestPath, "--to", to, "--usdc", "0.0000001"},
			`--usdc: invalid amount "0.0000001": at most 6 digits after the decimal point`},
		{"negative", []string{"-u", c.RPCURL, "--manifest", c.ManifestPath, "--to", to, "--io", "-5"}, "negative amounts are not allowed"},
		{"more than the wallet has", []string{"-u", c.RPCURL, "--manifest", c.ManifestPath, "--to", to, "--io", "500000001"}, "insufficient funds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := ionet(ctx, append([]string{"localnet", "fund"}, tt.args...)...)
			assert.Equal(t, 1, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
			assert.Equal(t, 1, strings.Count("\n"+errOut, "\nError:"), errOut)
			assert.NotContains(t, errOut, "jsonrpc.RPCError", "RPC errors are folded into one line")
		})
	}
	code, out, errOut := ionet(ctx, "balance", "-u", c.RPCURL, "--manifest", c.ManifestPath, "-o", "json", to)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "0", decode[balanceReport](t, out).SOL.Amount, "nothing was sent")
}

func TestLocalnetUp(t *testing.T) {
	home := isolate(t)
	port := localnettest.FreePortPair(t)
	ledger := t.TempDir()
	ctx, stop := context.WithCancel(testContext(t))
	defer stop()

	var stdout, stderr localnettest.SyncBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- runIonet(ctx, &stdout, &stderr, "localnet", "up", "--port", fmt.Sprint(port), "--ledger", ledger, "--slot-ms", "100", "-o", "json")
	}()
	var report upReport
	require.Eventually(t, func() bool {
		return json.Unmarshal([]byte(stdout.String()), &report) == nil
	}, 90*time.Second, 50*time.Millisecond, "stderr: %s", stderr.String())
	assert.Equal(t, fmt.Sprintf("http://127.0.0.1:%d", port), report.RPC)
	assert.Equal(t, fmt.Sprintf("ws://127.0.0.1:%d", port+1), report.WS)
	assert.Equal(t, filepath.Join(ledger, localnet.ManifestFile), report.Manifest)
	assert.Equal(t, "litesvm", report.Backend)

	// The chain serves: fund a wallet through it with the manifest it wrote.
	to := solana.NewWallet().PublicKey()
	code, _, errOut := ionet(ctx, "localnet", "fund", "-u", report.RPC, "--manifest", report.Manifest, "--to", to.String(), "--sol", "2")
	require.Equal(t, 0, code, errOut)

	// The manifest is registered under the chain's genesis hash: --url alone finds it.
	m, err := localnet.ReadManifest(report.Manifest)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(home, ".config", "ionet", "deployments", m.GenesisHash.String()+".json"), report.Registered)
	// One path: the IO mint, at the manifest's address, is made by the deploy's code, not the
	// genesis; the named wallets are funded from its launch supply after.
	assert.Contains(t, stderr.String(), "created the IO mint "+m.Mints.IO.Address.String())
	code, out, errOut := ionet(ctx, "balance", "-u", report.RPC, m.Wallets["alice"].Pubkey.String())
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `IO +1000000 `, out, "alice's IO")
	code, _, errOut = ionet(ctx, "localnet", "fund", "-u", report.RPC, "--to", to.String(), "--io", "3", "--usdc", "4")
	require.Equal(t, 0, code, errOut)
	code, out, errOut = ionet(ctx, "balance", "-u", report.RPC, to.String())
	require.Equal(t, 0, code, errOut)
	got := lines(out)
	require.Len(t, got, 4, out)
	assert.Equal(t, []string{"SOL 2", "IO 3", "USDC 4"},
		[]string{got[1], strings.SplitN(got[2], " (", 2)[0], strings.SplitN(got[3], " (", 2)[0]}, "IO and USDC by name")

	// A second chain on the ledger is refused, even with --reset, and rewrites nothing.
	kept := []string{report.Manifest, filepath.Join(ledger, localnet.LockFile), report.Registered}
	before := fileStates(t, kept...)
	code, out, errOut = ionet(ctx, "localnet", "up", "--port", fmt.Sprint(localnettest.FreePortPair(t)), "--ledger", ledger, "--reset")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, fmt.Sprintf("process %d already runs a local chain on %s; stop it (Ctrl-C) or pass another --ledger", os.Getpid(), ledger))
	assert.Equal(t, before, fileStates(t, kept...), "the refused up rewrote nothing")

	stop() // Ctrl-C
	select {
	case code := <-exit:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("localnet up did not stop after its context ended")
	}
	assert.Contains(t, stderr.String(), "Stopped; the ledger is kept in "+ledger)
	_, err = os.Stat(report.Manifest)
	assert.NoError(t, err, "the ledger and its manifest stay")
}

// fileState is a file's bytes and modification time, to show that nothing rewrote it.
type fileState struct {
	Data    []byte
	ModTime time.Time
}

func fileStates(t *testing.T, paths ...string) map[string]fileState {
	t.Helper()
	got := make(map[string]fileState, len(paths))
	for _, p := range paths {
		info, err := os.Stat(p)
		require.NoError(t, err)
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		got[p] = fileState{Data: data, ModTime: info.ModTime()}
	}
	return got
}
