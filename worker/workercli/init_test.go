package workercli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/cli"
)

func TestDeviceKeyOrNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "device.json")
	var said bytes.Buffer
	key, created, err := deviceKeyOrNew(&said, path)
	require.NoError(t, err)
	assert.True(t, created)
	assert.Equal(t, "Created the device keypair "+path+" (device "+key.PublicKey().String()+"): keep it, it is the device's identity on-chain\n", said.String())
	onDisk, err := solana.PrivateKeyFromSolanaKeygenFile(path)
	require.NoError(t, err)
	assert.Equal(t, key, onDisk)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	said.Reset()
	again, created, err := deviceKeyOrNew(&said, path)
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, key, again, "an existing key is loaded, never replaced")
	assert.Empty(t, said.String())

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("not a key"), 0o600))
	_, _, err = deviceKeyOrNew(&said, bad)
	require.ErrorIs(t, err, cli.ErrNotKeypair)
	assert.Contains(t, err.Error(), "load the device keypair: not a Solana keypair file: "+bad)
	assert.NotContains(t, err.Error(), "not a key")
	content, err := os.ReadFile(bad)
	require.NoError(t, err)
	assert.Equal(t, "not a key", string(content), "a bad file is refused, not replaced")
}

// TestInitCreatesTheDeviceKey runs `ionet-worker init` with no device key file against a
// cluster that does not answer: the key is made (and said so) before the chain is asked.
func TestInitCreatesTheDeviceKey(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	dir := t.TempDir()
	owner := filepath.Join(dir, "owner.json")
	_, err := cli.NewKeypairFile(owner, false)
	require.NoError(t, err)
	device := filepath.Join(dir, "device.json")
	var stdout, stderr bytes.Buffer
	app := App()
	app.Writer, app.ErrWriter = &stdout, &stderr
	code := cli.Run(context.Background(), app, []string{"ionet-worker", "init", "--owner", owner, "--device", device,
		"--gpu-class", "CPU-TEST", "--url", "http://127.0.0.1:1"})
	assert.Equal(t, 1, code, "nothing answers at the cluster")
	key, err := cli.LoadKeypair(device)
	require.NoError(t, err)
	assert.Contains(t, stderr.String(), "Created the device keypair "+device+" (device "+key.PublicKey().String()+")")
	assert.Contains(t, stderr.String(), "Nothing answers at http://127.0.0.1:1")
}
