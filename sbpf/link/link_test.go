package link_test

import (
	"context"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/archive"
	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/internal/asmtest"
	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/link"
	"github.com/ionet-oss/ionet/sbpf/syscall"
)

func fixture(t *testing.T, name string) *elfobj.Object {
	return asmtest.Object(t, name+".o", asmtest.File(t, "testdata/"+name+".s"))
}

func linkObjs(t *testing.T, archives []*archive.Archive, objs ...*elfobj.Object) (*link.Image, error) {
	return link.Link(context.Background(), objs, archives, link.Options{IsSyscall: syscall.Known})
}

func funcNames(im *link.Image) []string {
	var out []string
	for _, f := range im.Funcs {
		out = append(out, f.Name)
	}
	return out
}

func funcStart(t *testing.T, im *link.Image, name string) int {
	for _, f := range im.Funcs {
		if f.Name == name {
			return f.Start
		}
	}
	t.Fatalf("function %s not linked", name)
	return -1
}

func TestRelocationsBecomeCallsAndReferences(t *testing.T) {
	im, err := linkObjs(t, nil, fixture(t, "relocs"))
	require.NoError(t, err)

	// Section GC: `unused`, its data and the debug section are gone.
	assert.ElementsMatch(t, []string{"entrypoint", "helper", "helper_tail"}, funcNames(im))
	assert.NotContains(t, string(im.Rodata), "never linked")
	assert.Equal(t, []string{"sol_log_"}, im.Syscalls())
	assert.Equal(t, 0, im.Entry)

	helper := funcStart(t, im, "helper")
	tail := funcStart(t, im, "helper_tail")
	msg := uint64(0) // .rodata.msg is the first data section
	tab := uint64(8) // .data.rel.ro.tab, 8-aligned after "hello"

	// R_BPF_64_32: syscall and internal call (section symbol), plus the
	// call llc resolved inside .text.helper without a relocation.
	assert.Equal(t, []link.Call{
		{Slot: 3, Syscall: "sol_log_"},
		{Slot: 4, Target: helper},
		{Slot: helper + 1, Target: tail},
	}, im.Calls)

	// R_BPF_64_64 on lddw (data, code, data) and R_BPF_64_ABS64 in data,
	// with the addend kept (msg+2).
	assert.Equal(t, []link.Ref{
		{Kind: link.RefLddw, At: 0, Region: link.RegionRodata, Offset: msg},
		{Kind: link.RefLddw, At: 5, Region: link.RegionText, Offset: uint64(helper) * isa.Size},
		{Kind: link.RefLddw, At: 8, Region: link.RegionRodata, Offset: tab},
		{Kind: link.RefData64, At: int(tab), Region: link.RegionRodata, Offset: msg + 2},
		{Kind: link.RefData64, At: int(tab) + 8, Region: link.RegionText, Offset: uint64(tail) * isa.Size},
	}, im.Refs)
	assert.Equal(t, "hello", string(im.Rodata[:5]))
	assert.Equal(t, "helper_tail", im.FuncAt(tail))
	assert.Equal(t, "entrypoint", im.FuncAt(2))
}

func TestSymbolResolution(t *testing.T) {
	tests := []struct {
		name    string
		objs    []string
		wantErr string
		check   func(t *testing.T, im *link.Image)
	}{
		{
			name: "strong overrides weak",
			objs: []string{"weak", "strong"},
			check: func(t *testing.T, im *link.Image) {
				require.Len(t, im.Calls, 1)
				// The strong helper is 3 slots (r0 = 2; r0 += 0; exit).
				target := im.Calls[0].Target
				assert.Equal(t, isa.Insn{Op: 0xb7, Imm: 2}, im.Text.At(target))
				assert.Equal(t, 3, im.Text.Len()-target)
			},
		},
		{
			name:    "duplicate strong definitions",
			objs:    []string{"strong", "strong"},
			wantErr: "duplicate symbol `helper`: defined in strong.o and in strong.o",
		},
		{
			name:    "undefined symbol names the caller",
			objs:    []string{"undefined"},
			wantErr: "undefined symbol `missing_fn` referenced in function `entrypoint` (undefined.o): it is neither defined nor a known Solana syscall",
		},
		{
			name:    "writable data",
			objs:    []string{"writable"},
			wantErr: "function `entrypoint` uses writable data `COUNTER` (section .data.COUNTER): SBPF programs have no writable globals (no static mut, atomics, .data or .bss); state lives in accounts",
		},
		{
			name:    "32-bit absolute address",
			objs:    []string{"abs32"},
			wantErr: "R_BPF_64_ABS32 stores a 32-bit absolute address",
		},
		{
			name:    "no entrypoint",
			objs:    []string{"strong"},
			wantErr: "entrypoint `entrypoint` is not defined",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var objs []*elfobj.Object
			for _, n := range tt.objs {
				objs = append(objs, fixture(t, n))
			}
			im, err := linkObjs(t, nil, objs...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, im)
		})
	}
}

func TestArchiveMembersArePulledOnlyWhenNeeded(t *testing.T) {
	lib := asmtest.Archive(t, "libfixture.a",
		asmtest.Member{Name: "needed.o", Src: asmtest.File(t, "testdata/lib_needed.s")},
		asmtest.Member{Name: "unneeded.o", Src: asmtest.File(t, "testdata/lib_unneeded.s")},
	)
	var loaded []string
	im, err := link.Link(context.Background(), []*elfobj.Object{fixture(t, "uses_lib")}, []*archive.Archive{lib}, link.Options{
		IsSyscall: syscall.Known,
		LoadMember: func(_ context.Context, a *archive.Archive, m archive.Member) (*elfobj.Object, error) {
			loaded = append(loaded, m.Name)
			return elfobj.Parse(m.Name, m.Data)
		},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"needed.o"}, loaded)
	assert.ElementsMatch(t, []string{"entrypoint", "needed"}, funcNames(im))
	require.Len(t, im.Calls, 1)
	assert.Equal(t, funcStart(t, im, "needed"), im.Calls[0].Target)
}

func TestUnpulledArchiveSymbolStaysUndefined(t *testing.T) {
	lib := asmtest.Archive(t, "libother.a", asmtest.Member{Name: "unneeded.o", Src: asmtest.File(t, "testdata/lib_unneeded.s")})
	_, err := linkObjs(t, []*archive.Archive{lib}, fixture(t, "uses_lib"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "undefined symbol `needed` referenced in function `entrypoint`")
}

func TestImageDataIsCopiedNotShared(t *testing.T) {
	obj := fixture(t, "relocs")
	im, err := linkObjs(t, nil, obj)
	require.NoError(t, err)
	binary.LittleEndian.PutUint64(im.Rodata[8:], 0xdead)
	for _, s := range obj.Sections {
		if s.Name == ".data.rel.ro.tab" {
			assert.Equal(t, uint64(2), binary.LittleEndian.Uint64(s.Data), "the input keeps its addend (msg+2)")
		}
	}
}

func TestArchivesAreNotSearchedForSyscalls(t *testing.T) {
	lib := asmtest.Archive(t, "libshadow.a", asmtest.Member{Name: "shadow.o",
		Src: "\t.section .text.sol_log_,\"ax\",@progbits\n\t.globl sol_log_\n\t.type sol_log_,@function\nsol_log_:\n\texit\n"})
	im, err := link.Link(context.Background(), []*elfobj.Object{fixture(t, "relocs")}, []*archive.Archive{lib}, link.Options{
		IsSyscall: syscall.Known,
		LoadMember: func(context.Context, *archive.Archive, archive.Member) (*elfobj.Object, error) {
			t.Fatal("no member should be loaded")
			return nil, nil
		},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"sol_log_"}, im.Syscalls())
}

func TestSecurityTxtIsKept(t *testing.T) {
	im, err := linkObjs(t, nil, fixture(t, "securitytxt"))
	require.NoError(t, err)
	assert.Contains(t, string(im.Rodata), "=======BEGIN SECURITY.TXT V1=======\x00name\x00fixture\x00=======END SECURITY.TXT V1=======\x00")
	assert.NotContains(t, string(im.Rodata), "never linked")
}
