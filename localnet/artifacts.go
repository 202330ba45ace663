package localnet

import (
	"fmt"
	"io/fs"
)

// ProgramELF is the committed build of the protocol program name as built into this binary:
// localnet/programs/<name>.so (SBPF v3), or <name>.v0.so (SBPF v0) when v0 is set. `ionet deploy`
// deploys these and `ionet verify` compares a cluster's programs with them.
func ProgramELF(name string, v0 bool) ([]byte, error) {
	file := "programs/" + name + ".so"
	if v0 {
		file = "programs/" + name + ".v0.so"
	}
	elf, err := fs.ReadFile(embedded, file)
	if err != nil {
		return nil, fmt.Errorf("localnet: no built-in artefact %s: %w (run make programs, then rebuild)", file, err)
	}
	return elf, nil
}
