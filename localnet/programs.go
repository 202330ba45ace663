package localnet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gagliardetto/solana-go"
)

// Program files are read from <localnet dir>/programs: see the note in keys.go.

// ProgramFile is a built protocol program (SBPF v3 ELF) and its program keypair file.
type ProgramFile struct {
	Name    string
	SO      string
	Keypair string
}

// program is a built protocol program deployed at genesis at the id of its committed keypair.
type program struct {
	Name string
	SO   string  // SBPF v3 ELF
	Key  keyFile // program keypair: its public key is the program id
}

// findPrograms lists <dir>/programs/<name>.so (SBPF v3) that have <dir>/keys/<name>-program.json.
// The SBPF v0 builds (<name>.v0.so) and test fixtures (fixture-*) are never deployed at genesis;
// a program without a keypair is skipped with a warning from the caller.
func findPrograms(dir string) (found []program, missingKey []string, err error) {
	paths, err := filepath.Glob(filepath.Join(dir, "programs", "*.so"))
	if err != nil {
		return nil, nil, fmt.Errorf("localnet: list programs: %w", err)
	}
	sort.Strings(paths)
	for _, so := range paths {
		name := strings.TrimSuffix(filepath.Base(so), ".so")
		if strings.HasSuffix(name, ".v0") || strings.HasPrefix(name, "fixture-") {
			continue
		}
		keyPath := filepath.Join(dir, "keys", name+"-program.json")
		if _, err := os.Stat(keyPath); errors.Is(err, os.ErrNotExist) {
			missingKey = append(missingKey, name)
			continue
		}
		key, err := loadKey(keyPath)
		if err != nil {
			return nil, nil, err
		}
		found = append(found, program{Name: name, SO: so, Key: key})
	}
	return found, missingKey, nil
}

func programIDs(programs []program) map[string]solana.PublicKey {
	ids := make(map[string]solana.PublicKey, len(programs))
	for _, p := range programs {
		ids[p.Name] = p.Key.Public()
	}
	return ids
}
