// Package asmtest assembles BPF test fixtures with llvm-mc and packs them
// into archives with llvm-ar, so linker tests run on real objects.
package asmtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/archive"
	"github.com/ionet-oss/ionet/sbpf/bitcode"
	"github.com/ionet-oss/ionet/sbpf/elfobj"
)

// Tools returns the LLVM tools, failing the test with install advice when
// llvm-mc is missing.
func Tools(t testing.TB) bitcode.Tools {
	t.Helper()
	tools := bitcode.ToolsFromEnv()
	_, err := tools.Path("llvm-mc")
	require.NoError(t, err)
	return tools
}

// Assemble turns BPF assembly into an ELF relocatable object (-mcpu=v2
// unless cpu says otherwise).
func Assemble(t testing.TB, src string, cpu ...string) []byte {
	t.Helper()
	mcpu := "v2"
	if len(cpu) > 0 {
		mcpu = cpu[0]
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.s")
	out := filepath.Join(dir, "out.o")
	require.NoError(t, os.WriteFile(in, []byte(src), 0o600))
	_, err := Tools(t).Run(context.Background(), "llvm-mc", "-triple", "bpfel", "-mcpu="+mcpu, "-filetype=obj", in, "-o", out)
	require.NoError(t, err)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	return data
}

// Object assembles src and parses it as name.
func Object(t testing.TB, name, src string) *elfobj.Object {
	t.Helper()
	obj, err := elfobj.Parse(name, Assemble(t, src))
	require.NoError(t, err)
	return obj
}

// File assembles the testdata file path.
func File(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

// Member is one archive member given as assembly.
type Member struct {
	Name string
	Src  string
}

// Archive assembles members and packs them with llvm-ar (with a symbol
// index), returning the parsed archive.
func Archive(t testing.TB, name string, members ...Member) *archive.Archive {
	t.Helper()
	dir := t.TempDir()
	args := []string{"rcs", filepath.Join(dir, name)}
	for _, m := range members {
		p := filepath.Join(dir, m.Name)
		require.NoError(t, os.WriteFile(p, Assemble(t, m.Src), 0o600))
		args = append(args, p)
	}
	_, err := Tools(t).Run(context.Background(), "llvm-ar", args...)
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	a, err := archive.Parse(name, data)
	require.NoError(t, err)
	return a
}
