package bitcode

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRewriteMemOps(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		want    string
		decl    string
		rewrote int
	}{
		{
			name:    "variable memcpy",
			line:    "  call void @llvm.memcpy.p0.p0.i64(ptr nonnull align 1 %13, ptr nonnull readonly align 4 %1, i64 %len, i1 false), !dbg !7",
			want:    "  call void @sol_memcpy_(ptr nonnull align 1 %13, ptr nonnull readonly align 4 %1, i64 %len), !dbg !7",
			decl:    "declare void @sol_memcpy_(ptr, ptr, i64)",
			rewrote: 1,
		},
		{
			name:    "large memset, tail call",
			line:    "  tail call void @llvm.memset.p0.i64(ptr noundef nonnull align 1 dereferenceable(3000) %arr, i8 0, i64 3000, i1 false)",
			want:    "  tail call void @sol_memset_(ptr noundef nonnull align 1 dereferenceable(3000) %arr, i8 0, i64 3000)",
			decl:    "declare void @sol_memset_(ptr, i8, i64)",
			rewrote: 1,
		},
		{
			name:    "unaligned memmove above llc's limit",
			line:    "  call void @llvm.memmove.p0.p0.i64(ptr align 1 %a, ptr align 8 %b, i64 100, i1 false)",
			want:    "  call void @sol_memmove_(ptr align 1 %a, ptr align 8 %b, i64 100)",
			decl:    "declare void @sol_memmove_(ptr, ptr, i64)",
			rewrote: 1,
		},
		{
			name: "small constant memset stays inline",
			line: "  call void @llvm.memset.p0.i64(ptr align 8 %x, i8 0, i64 136, i1 false)",
			want: "  call void @llvm.memset.p0.i64(ptr align 8 %x, i8 0, i64 136, i1 false)",
		},
		{
			name:    "constant expression arguments with commas",
			line:    "  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr getelementptr inbounds (i8, ptr @g, i64 8), i64 %n, i1 false)",
			want:    "  call void @sol_memcpy_(ptr %d, ptr getelementptr inbounds (i8, ptr @g, i64 8), i64 %n)",
			decl:    "declare void @sol_memcpy_(ptr, ptr, i64)",
			rewrote: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, n, err := RewriteMemOps(tt.line)
			require.NoError(t, err)
			assert.Equal(t, tt.rewrote, n)
			lines := strings.Split(out, "\n")
			assert.Equal(t, tt.want, lines[0])
			if tt.decl != "" {
				assert.Contains(t, out, tt.decl)
			}
		})
	}
}

func TestRewriteReusesExistingDeclaration(t *testing.T) {
	ir := "declare void @sol_memcpy_(ptr noundef, ptr noundef, i64 noundef)\n" +
		"  call void @llvm.memcpy.p0.p0.i64(ptr %a, ptr %b, i64 %n, i1 false)\n"
	out, n, err := RewriteMemOps(ir)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, strings.Count(out, "declare"))

	_, _, err = RewriteMemOps("declare i64 @sol_memset_(ptr, i8, i64)\n  call void @llvm.memset.p0.i64(ptr %a, i8 0, i64 %n, i1 false)\n")
	require.ErrorContains(t, err, "declares sol_memset_ with a non-void return type")
}

// TestInlineLimitMatchesLLC checks Expandable against llc 22 itself: every
// intrinsic the linker leaves inline must compile, and just past the
// memcpy/memset limits llc must indeed refuse (so the rule follows llc).
func TestInlineLimitMatchesLLC(t *testing.T) {
	type probe struct {
		op         string
		length     uint64
		align      uint64
		mustRefuse bool
	}
	var probes []probe
	for _, align := range []uint64{1, 2, 4, 8} {
		for _, n := range []uint64{1, 7, 64, 100, 513, 1000, 1014, 1015, 1016, 1024, 1025, 2000} {
			probes = append(probes, probe{op: "memcpy", length: n, align: align}, probe{op: "memset", length: n, align: align})
		}
		moveLimit := 16 * align
		require.True(t, Expandable("memmove", moveLimit, align))
		require.False(t, Expandable("memmove", moveLimit+align, align))
		probes = append(probes, probe{op: "memmove", length: moveLimit, align: align}, probe{op: "memmove", length: 7, align: align})
	}
	probes = append(probes, probe{op: "memset", length: 1025, align: 1, mustRefuse: true}, probe{op: "memcpy", length: 1025, align: 8, mustRefuse: true})

	var b strings.Builder
	b.WriteString("target triple = \"bpfel\"\n" +
		"declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)\n" +
		"declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)\n" +
		"declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)\n")
	var inline []string
	for i, p := range probes {
		if !Expandable(p.op, p.length, p.align) && !p.mustRefuse {
			continue
		}
		fn := fmt.Sprintf("probe%d_%s_%d_align%d", i, p.op, p.length, p.align)
		if !p.mustRefuse {
			inline = append(inline, fn)
		} else {
			require.False(t, Expandable(p.op, p.length, p.align), fn)
		}
		fmt.Fprintf(&b, "define void @%s(ptr %%d, ptr %%s) {\n", fn)
		if p.op == "memset" {
			fmt.Fprintf(&b, "  call void @llvm.memset.p0.i64(ptr align %d %%d, i8 1, i64 %d, i1 false)\n", p.align, p.length)
		} else {
			fmt.Fprintf(&b, "  call void @llvm.%s.p0.p0.i64(ptr align %d %%d, ptr align %d %%s, i64 %d, i1 false)\n", p.op, p.align, p.align, p.length)
		}
		b.WriteString("  ret void\n}\n")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "probes.ll")
	require.NoError(t, os.WriteFile(src, []byte(b.String()), 0o600))
	tools := ToolsFromEnv()
	_, err := tools.Run(context.Background(), "llc", append(append([]string{}, llcArgs...), src, "-o", filepath.Join(dir, "probes.o"))...)
	require.Error(t, err, "the must-refuse probes should fail")
	refused := map[string]bool{}
	for _, d := range ParseDiagnostics(err.(*ToolError).Stderr) {
		refused[d.Function] = true
	}
	for _, fn := range inline {
		assert.False(t, refused[fn], "%s is left inline but llc cannot expand it", fn)
	}
	for i, p := range probes {
		if p.mustRefuse {
			fn := fmt.Sprintf("probe%d_%s_%d_align%d", i, p.op, p.length, p.align)
			assert.True(t, refused[fn], "%s: llc expanded it, the limit moved", fn)
		}
	}
}
