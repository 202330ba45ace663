package localnetcli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/localnet"
)

func TestLocalnetRegistry(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	dir := filepath.Join(config, "ionet", "deployments")
	ledger := t.TempDir()
	manifest := filepath.Join(ledger, localnet.ManifestFile)
	first := &localnet.Manifest{GenesisHash: solana.Hash{1}, RPC: "http://127.0.0.1:8899"}

	t.Run("round trip", func(t *testing.T) {
		path, err := RegisterLocalnet(first, manifest)
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(dir, first.GenesisHash.String()+".json"), path)
		got, found, err := LookupLocalnet(first.GenesisHash)
		require.NoError(t, err)
		require.True(t, found)
		assert.Equal(t, LocalnetEntry{GenesisHash: first.GenesisHash, Manifest: manifest, RPC: first.RPC}, got)

		_, found, err = LookupLocalnet(solana.Hash{9})
		require.NoError(t, err)
		assert.False(t, found, "an unknown chain has no entry")
	})
	t.Run("a relative manifest path is stored absolute", func(t *testing.T) {
		t.Chdir(ledger)
		other := &localnet.Manifest{GenesisHash: solana.Hash{3}}
		_, err := RegisterLocalnet(other, localnet.ManifestFile)
		require.NoError(t, err)
		got, found, err := LookupLocalnet(other.GenesisHash)
		require.NoError(t, err)
		require.True(t, found)
		assert.Equal(t, manifest, got.Manifest)
	})
	t.Run("a reset replaces the entry of the ledger's earlier chain, others stay, removed ledgers go", func(t *testing.T) {
		otherLedger := t.TempDir()
		elsewhere := &localnet.Manifest{GenesisHash: solana.Hash{4}}
		writeManifest(t, otherLedger)
		_, err := RegisterLocalnet(elsewhere, filepath.Join(otherLedger, localnet.ManifestFile))
		require.NoError(t, err)
		removed := &localnet.Manifest{GenesisHash: solana.Hash{8}}
		_, err = RegisterLocalnet(removed, filepath.Join(t.TempDir(), "gone", localnet.ManifestFile))
		require.NoError(t, err)
		reset := &localnet.Manifest{GenesisHash: solana.Hash{2}}
		_, err = RegisterLocalnet(reset, manifest)
		require.NoError(t, err)
		for hash, want := range map[solana.Hash]bool{
			first.GenesisHash: false, {3}: false, removed.GenesisHash: false,
			reset.GenesisHash: true, elsewhere.GenesisHash: true,
		} {
			_, found, err := LookupLocalnet(hash)
			require.NoError(t, err)
			assert.Equal(t, want, found, "entry %s", hash)
		}
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Len(t, entries, 2, "no temporary files are left")
	})
	t.Run("refused and unreadable", func(t *testing.T) {
		_, err := RegisterLocalnet(&localnet.Manifest{}, manifest)
		require.ErrorContains(t, err, "its manifest has no genesis hash")

		bad := solana.Hash{5}
		path := filepath.Join(dir, bad.String()+".json")
		require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o644))
		_, _, err = LookupLocalnet(bad)
		require.ErrorContains(t, err, "parse localnet registry entry "+path)

		wrong := solana.Hash{6}
		require.NoError(t, os.WriteFile(filepath.Join(dir, wrong.String()+".json"),
			[]byte(`{"genesisHash":"`+solana.Hash{7}.String()+`","manifest":"/m.json"}`), 0o644))
		_, _, err = LookupLocalnet(wrong)
		require.ErrorContains(t, err, "remove the file")
	})
}

// writeManifest puts a manifest file in ledger (the registry only checks that it exists).
func writeManifest(t *testing.T, ledger string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(ledger, localnet.ManifestFile), []byte("{}"), 0o644))
}
