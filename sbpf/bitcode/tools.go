// Package bitcode runs the LLVM 22 steps of the pipeline: llvm-link the crate
// with its rlib dependencies, opt (internalize, globaldce, O3), rewrite the
// memory intrinsics llc cannot expand into sol_mem* syscalls, and llc to a
// BPF object (-mcpu=v2, 4 KiB frames, one section per function for GC).
package bitcode

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// DefaultLLVMBin is where Debian's llvm-22 package installs its tools.
const DefaultLLVMBin = "/usr/lib/llvm-22/bin"

// Tools locates the LLVM binaries.
type Tools struct {
	Dir string // $LLVM_BIN
}

// ToolsFromEnv uses $LLVM_BIN, or DefaultLLVMBin.
func ToolsFromEnv() Tools {
	if d := os.Getenv("LLVM_BIN"); d != "" {
		return Tools{Dir: d}
	}
	return Tools{Dir: DefaultLLVMBin}
}

// Path returns the full path of tool, or an error saying how to install it.
func (t Tools) Path(tool string) (string, error) {
	p := filepath.Join(t.Dir, tool)
	if st, err := os.Stat(p); err != nil || st.IsDir() {
		return "", fmt.Errorf("LLVM tool %s not found in %s: run `make deps` (installs llvm-22) or point LLVM_BIN at an LLVM 22 bin directory", tool, t.Dir)
	}
	return p, nil
}

// Run runs tool with args and returns its stdout; a failure carries stderr.
func (t Tools) Run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	p, err := t.Path(tool)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, p, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, &ToolError{Tool: tool, Err: err, Stderr: stderr.String()}
	}
	return stdout.Bytes(), nil
}

// ToolError is a failed LLVM tool run.
type ToolError struct {
	Tool   string
	Err    error
	Stderr string
}

func (e *ToolError) Error() string {
	return fmt.Sprintf("%s failed (%v): %s", e.Tool, e.Err, strings.TrimSpace(e.Stderr))
}

func (e *ToolError) Unwrap() error { return e.Err }

// IsBitcode reports whether data is an LLVM bitcode file (raw or wrapped).
func IsBitcode(data []byte) bool {
	return bytes.HasPrefix(data, []byte{'B', 'C', 0xc0, 0xde}) || bytes.HasPrefix(data, []byte{0xde, 0xc0, 0x17, 0x0b})
}
