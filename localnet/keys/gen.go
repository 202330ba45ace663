//go:build ignore

// Command gen writes a fresh Solana CLI keypair file (a JSON array of 64 bytes) for each name given,
// into the directory of this file, leaving existing files untouched. The keypairs here are for the
// local chain only and are committed on purpose: they fix program ids, mints and test wallets.
//
//	go run ./localnet/keys/gen.go <name>...   (for a program: <crate>-program)
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./localnet/keys/gen.go <name>...")
		os.Exit(2)
	}
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Dir(self)
	for _, name := range os.Args[1:] {
		if err := write(filepath.Join(dir, name+".json")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func write(path string) error {
	if _, err := os.Stat(path); err == nil {
		fmt.Printf("%s exists, kept\n", path)
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("check %s: %w", path, err)
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("generate key for %s: %w", path, err)
	}
	parts := make([]string, len(key))
	for i, b := range key {
		parts[i] = fmt.Sprint(b)
	}
	if err := os.WriteFile(path, []byte("["+strings.Join(parts, ",")+"]\n"), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Printf("%s written\n", path)
	return nil
}
