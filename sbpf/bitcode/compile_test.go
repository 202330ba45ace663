package bitcode

import (
	"context"
	"debug/elf"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compiler(t *testing.T) *Compiler {
	return &Compiler{Tools: ToolsFromEnv(), Dir: t.TempDir(), Log: slog.New(slog.DiscardHandler)}
}

func TestCompileRewritesMemoryIntrinsicsIntoSyscalls(t *testing.T) {
	obj, err := compiler(t).Compile(context.Background(), []string{"testdata/memops.ll"}, nil)
	require.NoError(t, err)
	f, err := elf.Open(obj)
	require.NoError(t, err)
	defer f.Close()
	syms, err := f.Symbols()
	require.NoError(t, err)
	var undefined []string
	for _, s := range syms {
		if s.Section == elf.SHN_UNDEF && s.Name != "" {
			undefined = append(undefined, s.Name)
		}
	}
	assert.ElementsMatch(t, []string{"sol_memcpy_", "sol_memmove_", "sol_memset_"}, undefined)
	assert.NotNil(t, f.Section(".text.entrypoint"), "llc puts each function in its own section")
}

func TestCompileExplainsUnsupportedOperations(t *testing.T) {
	_, err := compiler(t).Compile(context.Background(), []string{"testdata/unsupported.ll"}, nil)
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{
		"in function `demo::checked_mul`: u64::checked_mul / overflowing_mul lower to llvm.umul.with.overflow.i64, a 128-bit multiply SBPF cannot do: use ionet_sdk::math::checked_mul",
		"in function `demo::ratio`: signed division or remainder",
		"in function `demo::wide`: 128-bit division or remainder (__udivti3): use ionet_sdk::math::mul_div",
		"in function `demo::float`: floating-point arithmetic (__floatundidf) is not supported on SBPF",
	} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "only small returns", "follow-on errors are dropped")
}

func TestCompileNeedsCrateBitcode(t *testing.T) {
	_, err := compiler(t).Compile(context.Background(), nil, []string{"x.bc"})
	require.ErrorContains(t, err, "no crate bitcode among the inputs")
}

func TestMissingToolSaysHowToInstall(t *testing.T) {
	_, err := Tools{Dir: t.TempDir()}.Run(context.Background(), "llc")
	require.ErrorContains(t, err, "LLVM tool llc not found")
	require.ErrorContains(t, err, "run `make deps` (installs llvm-22)")
}

func TestParseDiagnostics(t *testing.T) {
	stderr := "error: <unknown>:0:0: in function _ZN1a1f17h0000000000000000E i64 (i64, i64): A call to built-in function '__multi3' is not supported.\n\n" +
		"error: <unknown>:0:0: in function _ZN1a1f17h0000000000000000E i64 (i64, i64): only small returns supported\n" +
		"error: <unknown>:0:0: in function g i128 (): only small returns supported\n" +
		"error: <unknown>:0:0: in function _ZN1a1f17h0000000000000000E i64 (i64, i64): A call to built-in function '__multi3' is not supported.\n"
	assert.Equal(t, []Diagnostic{
		{Function: "_ZN1a1f17h0000000000000000E", Message: "A call to built-in function '__multi3' is not supported."},
		{Function: "g", Message: "only small returns supported"},
	}, ParseDiagnostics(stderr))
}

func TestDemangle(t *testing.T) {
	got := Demangle(context.Background(), ToolsFromEnv(), []string{
		"_ZN4demo4deep17h3947dfffd0f55d71E", "_RNvNtCs1NpfdXmxSul_4core3fmt5write", "entrypoint",
	})
	assert.Equal(t, []string{"demo::deep", "core::fmt::write", "entrypoint"}, got)
}
