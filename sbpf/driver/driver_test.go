package driver

import (
	"bytes"
	"context"
	"debug/elf"
	"encoding/binary"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/bitcode"
	"github.com/ionet-oss/ionet/sbpf/internal/asmtest"
)

// buildInputs makes what rustc would pass: crate bitcode, an ELF
// symbols.o, and a compiler_builtins rlib of bitcode members.
func buildInputs(t *testing.T, dir string) []string {
	tools := asmtest.Tools(t)
	ctx := context.Background()
	crate := filepath.Join(dir, "demo.demo.0-cgu.0.rcgu.o")
	_, err := tools.Run(ctx, "llvm-as", "testdata/crate.ll", "-o", crate)
	require.NoError(t, err)
	var members []string
	for _, m := range []string{"builtins_used", "builtins_unused"} {
		out := filepath.Join(dir, "compiler_builtins-x."+m+".rcgu.o")
		_, err := tools.Run(ctx, "llvm-as", "testdata/"+m+".ll", "-o", out)
		require.NoError(t, err)
		members = append(members, out)
	}
	rlib := filepath.Join(dir, "libcompiler_builtins-x.rlib")
	_, err = tools.Run(ctx, "llvm-ar", append([]string{"rcs", rlib}, members...)...)
	require.NoError(t, err)
	symbols := filepath.Join(dir, "symbols.o")
	require.NoError(t, os.WriteFile(symbols, asmtest.Assemble(t, "\t.globl entrypoint\n"), 0o600))
	return []string{symbols, crate, rlib}
}

func TestRunWritesV3AndV0(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "libdemo.so")
	args := &Args{Inputs: buildInputs(t, dir), Output: out, EmitV0: true}
	log := slog.New(slog.DiscardHandler)
	res, err := Run(context.Background(), args, bitcode.ToolsFromEnv(), t.TempDir(), log)
	require.NoError(t, err)
	assert.Equal(t, []string{"sol_log_", "sol_memcpy_"}, res.Syscalls)
	require.Len(t, res.Files, 2)

	for path, flags := range map[string]uint32{out: 3, filepath.Join(dir, "libdemo.v0.so"): 0} {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, res.Files[path], len(data))
		f, err := elf.NewFile(bytes.NewReader(data))
		require.NoError(t, err, path)
		assert.Equal(t, elf.EM_BPF, f.Machine)
		assert.Equal(t, flags, binary.LittleEndian.Uint32(data[48:]), "e_flags of %s", path)
	}

	// Same inputs, same bytes.
	again := filepath.Join(dir, "again.so")
	args.Output = again
	_, err = Run(context.Background(), args, bitcode.ToolsFromEnv(), t.TempDir(), log)
	require.NoError(t, err)
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(again)
	assert.Equal(t, a, b, "output is deterministic")
}

func TestRunFailsWithoutWritingOutput(t *testing.T) {
	dir := t.TempDir()
	inputs := buildInputs(t, dir)
	out := filepath.Join(dir, "libbad.so")
	// Without the builtins archive the helper is undefined.
	_, err := Run(context.Background(), &Args{Inputs: inputs[:2], Output: out}, bitcode.ToolsFromEnv(), t.TempDir(), slog.New(slog.DiscardHandler))
	require.ErrorContains(t, err, "undefined symbol `helper_from_builtins` referenced in function `entrypoint`")
	assert.NoFileExists(t, out)
}

func TestRunRejectsUnknownInputs(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.txt")
	require.NoError(t, os.WriteFile(junk, []byte("hello"), 0o600))
	_, err := Run(context.Background(), &Args{Inputs: []string{junk}, Output: filepath.Join(dir, "x.so")}, bitcode.ToolsFromEnv(), dir, slog.New(slog.DiscardHandler))
	require.ErrorContains(t, err, "is neither an ELF object, LLVM bitcode nor an archive")
}
