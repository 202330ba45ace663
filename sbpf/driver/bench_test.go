package driver

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/bitcode"
	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/link"
	"github.com/ionet-oss/ionet/sbpf/syscall"
)

// The benchmark input is a real rustc output: testdata/bench/demo.rs (logs,
// rodata strings, core::fmt through vtables, 3000-byte frames, sol_sha256)
// compiled by rustc-web 1.96 for bpfel-unknown-none (demo.rcgu.o, bitcode)
// with its symbols.o, linked against the system's core and
// compiler_builtins rlibs.
const rustlib = "/usr/lib/rustlib/bpfel-unknown-none/lib"

func benchInputs(b *testing.B) []string {
	var libs []string
	for _, pattern := range []string{"libcore-*.rlib", "libcompiler_builtins-*.rlib"} {
		m, err := filepath.Glob(filepath.Join(rustlib, pattern))
		require.NoError(b, err)
		require.Len(b, m, 1, "%s in %s: install libstd-rust-web-dev-bpf (make deps)", pattern, rustlib)
		libs = append(libs, m[0])
	}
	return append([]string{"testdata/bench/symbols.o", "testdata/bench/demo.rcgu.o"}, libs...)
}

// BenchmarkPipeline measures a whole sbpf-link run: llvm-link, opt, llc,
// the ELF link and both writers.
func BenchmarkPipeline(b *testing.B) {
	inputs := benchInputs(b)
	out := filepath.Join(b.TempDir(), "libdemo.so")
	log := slog.New(slog.DiscardHandler)
	var res *Result
	for b.Loop() {
		dir, err := os.MkdirTemp(b.TempDir(), "run")
		require.NoError(b, err)
		res, err = Run(context.Background(), &Args{Inputs: inputs, Output: out, EmitV0: true}, bitcode.ToolsFromEnv(), dir, log)
		require.NoError(b, err)
	}
	b.ReportMetric(float64(res.Files[out]), "v3-bytes")
	b.ReportMetric(float64(res.Files[V0Path(out)]), "v0-bytes")
	b.ReportMetric(float64(res.Insns), "insns")
}

// BenchmarkELFLink measures the Go part alone on the llc output: symbol
// resolution, compiler_builtins pulling (already compiled), GC, layout,
// v0 and v3 encoding, verification and serialisation.
func BenchmarkELFLink(b *testing.B) {
	inputs := benchInputs(b)
	dir := b.TempDir()
	in, err := classify(inputs, dir)
	require.NoError(b, err)
	comp := &bitcode.Compiler{Tools: bitcode.ToolsFromEnv(), Dir: dir, Log: slog.New(slog.DiscardHandler)}
	objPath, err := comp.Compile(context.Background(), in.crate, in.libs)
	require.NoError(b, err)
	program, err := readObject(objPath, "program")
	require.NoError(b, err)
	objs := append([]*elfobj.Object{program}, in.elf...)
	var size int
	for b.Loop() {
		im, err := link.Link(context.Background(), objs, nil, link.Options{IsSyscall: syscall.Known})
		require.NoError(b, err)
		size = 0
		for _, v := range []isa.Version{isa.V3, isa.V0} {
			data, err := Encode(im, v, func(s string) string { return s })
			require.NoError(b, err)
			size += len(data)
		}
	}
	b.ReportMetric(float64(size), "v3+v0-bytes")
}
