package cli

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gagliardetto/solana-go"
)

// Keypair file errors, for errors.Is.
var (
	ErrNotKeypair    = errors.New("not a Solana keypair file")
	ErrKeypairExists = errors.New("keypair file already exists")
)

// keypairFormat is the format LoadKeypair reads and WriteKeypair writes: the Solana CLI's.
const keypairFormat = "a JSON array of 64 numbers from 0 to 255 (the 32-byte secret, then its public key), as `ionet keygen new` and `solana-keygen new` write"

// KeygenHint tells how to create the keypair file at path.
func KeygenHint(path string) string {
	return fmt.Sprintf("create one with `ionet keygen new --outfile %s` or `solana-keygen new -o %s`", path, path)
}

// LoadKeypair reads a keypair file in the Solana CLI's format. A file that does not parse is
// refused with an error that names the file and the expected format and holds none of its
// content (a JSON decoder's error would quote the secret).
func LoadKeypair(path string) (solana.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read keypair file: %w", err)
	}
	bad := func(why string) error {
		return fmt.Errorf("%w: %s %s; expected %s", ErrNotKeypair, path, why, keypairFormat)
	}
	var numbers []int64
	if json.Unmarshal(data, &numbers) != nil { // the decoder's error is dropped: it quotes the file
		return nil, bad("is not a JSON array of whole numbers")
	}
	if len(numbers) != ed25519.PrivateKeySize {
		return nil, bad(fmt.Sprintf("holds %d numbers, not %d", len(numbers), ed25519.PrivateKeySize))
	}
	key := make(solana.PrivateKey, len(numbers))
	for i, n := range numbers {
		if n < 0 || n > 255 {
			return nil, bad("holds a number outside 0 to 255")
		}
		key[i] = byte(n)
	}
	derived := ed25519.NewKeyFromSeed(key[:ed25519.SeedSize])
	if !derived.Equal(ed25519.PrivateKey(key)) {
		return nil, bad("does not hold a matching key pair (its last 32 numbers are not the public key of its first 32)")
	}
	return key, nil
}

// NewKeypairFile writes a fresh random keypair to path (mode 0600, its directory made when
// missing). An existing file is an ErrKeypairExists error unless force is set.
func NewKeypairFile(path string, force bool) (solana.PrivateKey, error) {
	key, err := solana.NewRandomPrivateKey()
	if err != nil {
		return nil, fmt.Errorf("generate a keypair: %w", err)
	}
	if err := WriteKeypair(path, key, force); err != nil {
		return nil, err
	}
	return key, nil
}

// WriteKeypair writes key to path in the Solana CLI's format, readable by its owner alone. It
// never overwrites an existing file unless force is set, and then replaces it whole.
func WriteKeypair(path string, key solana.PrivateKey, force bool) error {
	numbers := make([]int, len(key))
	for i, b := range key {
		numbers[i] = int(b)
	}
	data, err := json.Marshal(numbers)
	if err != nil {
		return fmt.Errorf("encode keypair: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the keypair's directory: %w", err)
	}
	if !force {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %s", ErrKeypairExists, path)
		}
		if err != nil {
			return fmt.Errorf("create keypair file: %w", err)
		}
		return writeClose(f, data, path)
	}
	tmp, err := os.CreateTemp(dir, ".keypair-*.json") // mode 0600
	if err != nil {
		return fmt.Errorf("create keypair file: %w", err)
	}
	if err := writeClose(tmp, data, tmp.Name()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("replace keypair file: %w", err)
	}
	return nil
}

// writeClose writes data to f, syncs and closes it, and removes the file at path on failure.
func writeClose(f *os.File, data []byte, path string) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("write keypair file %s: %w", path, err)
	}
	return nil
}
