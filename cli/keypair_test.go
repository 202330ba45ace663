package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeypairRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "id.json")
	key, err := NewKeypairFile(path, false)
	require.NoError(t, err)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Regexp(t, `^\[(\d{1,3},){63}\d{1,3}\]$`, string(data), "the Solana CLI's format")
	// The Solana tools' reader (solana-go's) reads it too.
	theirs, err := solana.PrivateKeyFromSolanaKeygenFile(path)
	require.NoError(t, err)
	assert.Equal(t, key, theirs)
	ours, err := LoadKeypair(path)
	require.NoError(t, err)
	assert.Equal(t, key, ours)

	_, err = NewKeypairFile(path, false)
	require.ErrorIs(t, err, ErrKeypairExists)
	again, err := LoadKeypair(path)
	require.NoError(t, err)
	assert.Equal(t, key, again, "a refused overwrite leaves the file as it was")

	require.NoError(t, os.Chmod(path, 0o644))
	replaced, err := NewKeypairFile(path, true)
	require.NoError(t, err)
	assert.NotEqual(t, key.PublicKey(), replaced.PublicKey())
	got, err := LoadKeypair(path)
	require.NoError(t, err)
	assert.Equal(t, replaced, got)
	info, err = os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "--force leaves the owner alone able to read it")
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left behind")
}

// numbers writes b as the Solana CLI's JSON array.
func numbers(b []byte) string {
	parts := make([]string, len(b))
	for i, v := range b {
		parts[i] = strconv.Itoa(int(v))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestLoadKeypairRefusesWithoutEchoingTheFile(t *testing.T) {
	key := solana.NewWallet().PrivateKey
	other := solana.NewWallet().PrivateKey
	mismatched := append(append([]byte{}, key[:32]...), other[32:]...)
	all := numbers(key)
	tests := []struct {
		name, content, why string
	}{
		{"base58 secret", key.String(), "is not a JSON array of whole numbers"},
		{"base58 secret as a JSON string", `"` + key.String() + `"`, "is not a JSON array of whole numbers"},
		{"truncated array", numbers(key)[:100], "is not a JSON array of whole numbers"},
		{"strings in the array", `["` + key.String() + `"]`, "is not a JSON array of whole numbers"},
		{"fractions", "[" + strings.Repeat("1.5,", 63) + "2.5]", "is not a JSON array of whole numbers"},
		{"the secret half alone", numbers(key[:32]), "holds 32 numbers, not 64"},
		{"a byte out of range", "[987654" + all[strings.Index(all, ","):], "holds a number outside 0 to 255"},
		{"a negative byte", "[-1" + all[strings.Index(all, ","):], "holds a number outside 0 to 255"}, // not "-" + the first byte: -0 is 0
		{"public key of another secret", numbers(mismatched), "does not hold a matching key pair"},
		{"empty file", "", "is not a JSON array of whole numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "secret.json")
			require.NoError(t, os.WriteFile(path, []byte(tt.content), 0o600))
			_, err := LoadKeypair(path)
			require.ErrorIs(t, err, ErrNotKeypair)
			msg := err.Error()
			assert.Contains(t, msg, path, "the error names the file")
			assert.Contains(t, msg, tt.why)
			assert.Contains(t, msg, "expected a JSON array of 64 numbers from 0 to 255")
			// No run of the content appears: with the path and the format taken out, not even
			// four characters of it in a row.
			rest := strings.NewReplacer(path, "", keypairFormat, "").Replace(msg)
			for i := 0; i+4 <= len(tt.content); i++ {
				require.NotContains(t, rest, tt.content[i:i+4], "the error echoes the file's content")
			}
		})
	}
	_, err := LoadKeypair(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
