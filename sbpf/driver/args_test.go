package driver

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArgs(t *testing.T) {
	rustc := []string{"--export-symbols", "/t/symbols", "/t/symbols.o", "/t/demo.demo.abc-cgu.0.rcgu.o",
		"/usr/lib/rustlib/bpfel-unknown-none/lib/libcore-1.rlib", "-L", "/t/raw-dylibs", "--cpu", "v2",
		"-o", "/out/libdemo.so", "-O3", "--debug"}
	tests := []struct {
		name    string
		argv    []string
		want    *Args
		wantErr string
	}{
		{name: "rustc's bpf-linker command line", argv: rustc, want: &Args{
			Inputs:        []string{"/t/symbols.o", "/t/demo.demo.abc-cgu.0.rcgu.o", "/usr/lib/rustlib/bpfel-unknown-none/lib/libcore-1.rlib"},
			Output:        "/out/libdemo.so",
			ExportSymbols: "/t/symbols",
		}},
		{name: "link-args: --emit-v0 and ignored flags", argv: append(append([]string{}, rustc...), "--emit-v0", "--btf", "--allow-bpf-trap", "--log-level=info", "-L/x"),
			want: &Args{
				Inputs:        []string{"/t/symbols.o", "/t/demo.demo.abc-cgu.0.rcgu.o", "/usr/lib/rustlib/bpfel-unknown-none/lib/libcore-1.rlib"},
				Output:        "/out/libdemo.so",
				ExportSymbols: "/t/symbols",
				EmitV0:        true,
			}},
		{name: "cpu v3", argv: []string{"a.o", "-o", "x.so", "--cpu", "v3"}, wantErr: "--cpu v3: SBPF needs eBPF v2 code"},
		{name: "alu32", argv: []string{"a.o", "-o", "x.so", "--cpu-features", "+alu32"}, wantErr: "+alu32 emits 32-bit ALU results"},
		{name: "-l", argv: []string{"a.o", "-o", "x.so", "-lfoo"}, wantErr: "-lfoo: sbpf-link links libraries given by path only"},
		{name: "--emit", argv: []string{"a.o", "-o", "x.so", "--emit=asm"}, wantErr: "only writes SBPF shared objects"},
		{name: "--llvm-args", argv: []string{"a.o", "-o", "x.so", "--llvm-args=-foo"}, wantErr: "extra LLVM arguments are not supported"},
		{name: "unknown flag", argv: []string{"a.o", "-o", "x.so", "--frobnicate"}, wantErr: "unknown option --frobnicate"},
		{name: "no output", argv: []string{"a.o"}, wantErr: "no output file: pass -o OUT.so"},
		{name: "no inputs", argv: []string{"-o", "x.so"}, wantErr: "no input files"},
		{name: "missing value", argv: []string{"a.o", "-o"}, wantErr: "option -o needs a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseArgs(tt.argv)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestV0Path(t *testing.T) {
	assert.Equal(t, "out/libx.v0.so", V0Path("out/libx.so"))
	assert.Equal(t, "out/prog.v0.so", V0Path("out/prog"))
}
