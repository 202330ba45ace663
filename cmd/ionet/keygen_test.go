package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeygen(t *testing.T) {
	home := isolate(t)
	ctx := testContext(t)
	file := filepath.Join(t.TempDir(), "wallet.json")

	code, out, errOut := ionet(ctx, "keygen", "new", "--outfile", file)
	require.Equal(t, 0, code, errOut)
	key, err := solana.PrivateKeyFromSolanaKeygenFile(file)
	require.NoError(t, err, "the Solana tools read what keygen new writes")
	assert.Contains(t, out, "Wrote a new keypair to "+file)
	assert.Contains(t, out, "pubkey: "+key.PublicKey().String())
	info, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	code, out, errOut = ionet(ctx, "keygen", "pubkey", file)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, key.PublicKey().String()+"\n", out)
	code, out, _ = ionet(ctx, "keygen", "pubkey", file, "-o", "json")
	require.Equal(t, 0, code)
	assert.Equal(t, key.PublicKey().String(), decode[keygenReport](t, out).Pubkey)

	code, out, errOut = ionet(ctx, "keygen", "new", "--outfile", file)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "keypair file already exists: "+file+": pass --force to overwrite it")
	same, err := solana.PrivateKeyFromSolanaKeygenFile(file)
	require.NoError(t, err)
	assert.Equal(t, key, same, "refused: the file is unchanged")

	code, out, errOut = ionet(ctx, "keygen", "new", "--outfile", file, "--force", "-o", "json")
	require.Equal(t, 0, code, errOut)
	r := decode[keygenReport](t, out)
	assert.Equal(t, file, r.Outfile)
	replaced, err := solana.PrivateKeyFromSolanaKeygenFile(file)
	require.NoError(t, err)
	assert.Equal(t, replaced.PublicKey().String(), r.Pubkey)
	assert.NotEqual(t, key.PublicKey(), replaced.PublicKey())

	// Without --outfile: the keypair every command uses, made where the Solana CLI keeps it.
	code, out, errOut = ionet(ctx, "keygen", "new")
	require.Equal(t, 0, code, errOut)
	def := filepath.Join(home, ".config", "solana", "id.json")
	assert.Contains(t, out, "Wrote a new keypair to "+def)
	code, out, errOut = ionet(ctx, "keygen", "pubkey")
	require.Equal(t, 0, code, errOut)
	defKey, err := solana.PrivateKeyFromSolanaKeygenFile(def)
	require.NoError(t, err)
	assert.Equal(t, defKey.PublicKey().String()+"\n", out)
}

func TestKeypairHints(t *testing.T) {
	isolate(t)
	ctx := testContext(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	code, _, errOut := ionet(ctx, "stake", "1", "--keypair", missing, "-u", "http://127.0.0.1:1")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "create one with `ionet keygen new --outfile "+missing+"` or `solana-keygen new -o "+missing+"`")

	// A secret in the wrong format is refused without a byte of it in the error.
	secret := solana.NewWallet().PrivateKey.String()
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(secret), 0o600))
	for _, args := range [][]string{
		{"keygen", "pubkey", bad},
		{"stake", "1", "--keypair", bad, "-u", "http://127.0.0.1:1"},
		{"device", "register", "--gpu-class", "H100", "--gpus", "1", "--device-keypair", bad, "-u", "http://127.0.0.1:1"},
	} {
		code, out, errOut := ionet(ctx, args...)
		assert.Equal(t, 1, code, strings.Join(args, " "))
		assert.Empty(t, out)
		assert.Contains(t, errOut, "not a Solana keypair file: "+bad+" is not a JSON array of whole numbers; expected a JSON array of 64 numbers")
		rest := strings.ReplaceAll(errOut, bad, "")
		for i := 0; i+4 <= len(secret); i++ {
			require.NotContains(t, rest, secret[i:i+4], "%s: the error echoes the secret", strings.Join(args, " "))
		}
	}
}
