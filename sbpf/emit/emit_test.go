package emit_test

import (
	"bytes"
	"context"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/emit"
	"github.com/ionet-oss/ionet/sbpf/internal/asmtest"
	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/link"
	"github.com/ionet-oss/ionet/sbpf/syscall"
)

const regionSize = uint64(1) << 32

func image(t *testing.T) *link.Image {
	obj := asmtest.Object(t, "relocs.o", asmtest.File(t, "../link/testdata/relocs.s"))
	im, err := link.Link(context.Background(), []*elfobj.Object{obj}, nil, link.Options{IsSyscall: syscall.Known})
	require.NoError(t, err)
	return im
}

func funcStart(im *link.Image, name string) int {
	for _, f := range im.Funcs {
		if f.Name == name {
			return f.Start
		}
	}
	return -1
}

func TestInstructionTranslation(t *testing.T) {
	im := image(t)
	helper, tail := funcStart(im, "helper"), funcStart(im, "helper_tail")
	tests := []struct {
		version    isa.Version
		textAddr   uint64
		rodataAddr uint64
		syscallImm int32
	}{
		// v0: text right after the ELF and program headers, mapped at 1<<32 + offset.
		{isa.V0, regionSize + 64 + 4*56, 0, -1},
		// v3: read-only data at 0, bytecode at 1<<32; syscalls by hash.
		{isa.V3, regionSize, 0, int32(syscall.Hash("sol_log_"))},
	}
	for _, tt := range tests {
		t.Run(tt.version.String(), func(t *testing.T) {
			p, err := emit.Build(im, tt.version)
			require.NoError(t, err)
			rodataAddr := tt.rodataAddr
			if tt.version == isa.V0 {
				rodataAddr = tt.textAddr + uint64(len(p.Text))
			}
			// Syscall: src=0; imm -1 + relocation (v0) or the murmur3 hash (v3).
			assert.Equal(t, isa.Insn{Op: isa.OpCall, Src: isa.CallSrcSyscall, Imm: tt.syscallImm}, p.Text.At(3))
			assert.Equal(t, []emit.SyscallSite{{Slot: 3, Name: "sol_log_"}}, p.Syscalls)
			// Internal calls: src=1, pc-relative.
			assert.Equal(t, isa.Insn{Op: isa.OpCall, Src: isa.CallSrcInternal, Imm: int32(helper - 5)}, p.Text.At(4))
			assert.Equal(t, isa.Insn{Op: isa.OpCall, Src: isa.CallSrcInternal, Imm: int32(tail - helper - 2)}, p.Text.At(helper+1))
			// callx carries its register in both dst (v3) and imm (v0).
			assert.Equal(t, isa.Insn{Op: isa.OpCallx, Dst: 1, Imm: 1}, p.Text.At(7))
			// lddw: absolute addresses of data and of code.
			assert.Equal(t, rodataAddr, p.Text.LddwImm(0))
			assert.Equal(t, tt.textAddr+uint64(helper)*isa.Size, p.Text.LddwImm(5))
			assert.Equal(t, rodataAddr+8, p.Text.LddwImm(8))
			// .data.rel.ro pointers: msg+2 and helper_tail.
			assert.Equal(t, rodataAddr+2, binary.LittleEndian.Uint64(p.Rodata[8:]))
			assert.Equal(t, tt.textAddr+uint64(tail)*isa.Size, binary.LittleEndian.Uint64(p.Rodata[16:]))
		})
	}
}

func TestV3Layout(t *testing.T) {
	p, err := emit.Build(image(t), isa.V3)
	require.NoError(t, err)
	data := p.ELF()
	f, err := elf.NewFile(bytes.NewReader(data))
	require.NoError(t, err)

	assert.Equal(t, []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, data[:16], "exact e_ident")
	assert.Equal(t, elf.EM_BPF, f.Machine)
	assert.Equal(t, uint32(3), binary.LittleEndian.Uint32(data[48:]), "e_flags is the SBPF version")
	assert.Equal(t, uint64(64), binary.LittleEndian.Uint64(data[32:]), "e_phoff")
	assert.Equal(t, regionSize+uint64(p.Entry)*8, f.Entry)
	require.Len(t, f.Progs, 2)

	ro, code := f.Progs[0], f.Progs[1]
	assert.Equal(t, elf.ProgHeader{Type: elf.PT_LOAD, Flags: elf.PF_R, Off: 176, Vaddr: 0, Paddr: 0,
		Filesz: uint64(len(p.Rodata)), Memsz: uint64(len(p.Rodata)), Align: 8}, ro.ProgHeader)
	assert.Equal(t, elf.ProgHeader{Type: elf.PT_LOAD, Flags: elf.PF_X, Off: 176 + uint64(len(p.Rodata)), Vaddr: regionSize, Paddr: regionSize,
		Filesz: uint64(len(p.Text)), Memsz: uint64(len(p.Text)), Align: 8}, code.ProgHeader)
	assert.Zero(t, ro.Off%8+ro.Filesz%8+code.Off%8+code.Filesz%8, "segments are 8-byte multiples")
	assert.Equal(t, []byte(p.Text), data[code.Off:code.Off+code.Filesz])
	assert.Nil(t, f.Section(".dynamic"), "v3 has no dynamic section")
	assert.Nil(t, f.Section(".rel.dyn"))
}

func TestV0Layout(t *testing.T) {
	p, err := emit.Build(image(t), isa.V0)
	require.NoError(t, err)
	data := p.ELF()
	f, err := elf.NewFile(bytes.NewReader(data))
	require.NoError(t, err)

	assert.Equal(t, elf.ET_DYN, f.Type)
	assert.Equal(t, elf.EM_BPF, f.Machine)
	assert.Zero(t, binary.LittleEndian.Uint32(data[48:]), "e_flags 0")
	text := f.Section(".text")
	require.NotNil(t, text)
	assert.Equal(t, text.Addr+uint64(p.Entry)*8, f.Entry)
	for _, name := range []string{".text", ".rodata", ".dynamic", ".dynsym", ".dynstr", ".rel.dyn"} {
		s := f.Section(name)
		require.NotNil(t, s, name)
		assert.Equal(t, s.Offset, s.Addr, "%s: sh_addr == sh_offset", name)
		assert.LessOrEqual(t, len(name), 15)
	}
	var last uint64
	for _, s := range f.Sections[1:] {
		assert.GreaterOrEqual(t, s.Offset, last, "sections in file order")
		last = s.Offset + s.Size
	}

	// One R_BPF_64_32 dynamic relocation at the syscall, against an
	// undefined .dynsym entry named sol_log_.
	rel, err := f.Section(".rel.dyn").Data()
	require.NoError(t, err)
	require.Len(t, rel, 16)
	assert.Equal(t, text.Addr+3*8, binary.LittleEndian.Uint64(rel))
	info := binary.LittleEndian.Uint64(rel[8:])
	assert.Equal(t, uint64(10), info&0xffffffff)
	syms, err := f.DynamicSymbols()
	require.NoError(t, err)
	sym := syms[info>>32-1] // DynamicSymbols drops the null entry
	assert.Equal(t, "sol_log_", sym.Name)
	assert.Equal(t, elf.SHN_UNDEF, sym.Section)

	dyn := map[elf.DynTag]uint64{}
	raw, err := f.Section(".dynamic").Data()
	require.NoError(t, err)
	for i := 0; i+16 <= len(raw); i += 16 {
		dyn[elf.DynTag(binary.LittleEndian.Uint64(raw[i:]))] = binary.LittleEndian.Uint64(raw[i+8:])
	}
	assert.Equal(t, f.Section(".rel.dyn").Addr, dyn[elf.DT_REL])
	assert.Equal(t, uint64(16), dyn[elf.DT_RELSZ])
	assert.Equal(t, uint64(16), dyn[elf.DT_RELENT])
	assert.Equal(t, f.Section(".dynsym").Addr, dyn[elf.DT_SYMTAB])
	require.NotEmpty(t, f.Progs)
	var dynamic bool
	for _, ph := range f.Progs {
		dynamic = dynamic || ph.Type == elf.PT_DYNAMIC
	}
	assert.True(t, dynamic, "relocations are found through PT_DYNAMIC")
}

func TestOutputIsDeterministic(t *testing.T) {
	for _, v := range []isa.Version{isa.V0, isa.V3} {
		a, err := emit.Build(image(t), v)
		require.NoError(t, err)
		b, err := emit.Build(image(t), v)
		require.NoError(t, err)
		assert.Equal(t, a.ELF(), b.ELF(), v.String())
	}
}

func TestUnsupportedVersion(t *testing.T) {
	_, err := emit.Build(image(t), isa.Version(2))
	require.EqualError(t, err, "cannot write SBPF v2: only v0 and v3 are supported")
}

// A program without syscalls or read-only data still makes well-formed
// files: v0 then has no .rel.dyn and no DT_REL.
func TestMinimalProgram(t *testing.T) {
	obj := asmtest.Object(t, "weak.o", asmtest.File(t, "../link/testdata/weak.s"))
	im, err := link.Link(context.Background(), []*elfobj.Object{obj}, nil, link.Options{IsSyscall: syscall.Known})
	require.NoError(t, err)
	require.Empty(t, im.Rodata)
	for _, v := range []isa.Version{isa.V0, isa.V3} {
		t.Run(v.String(), func(t *testing.T) {
			p, err := emit.Build(im, v)
			require.NoError(t, err)
			f, err := elf.NewFile(bytes.NewReader(p.ELF()))
			require.NoError(t, err)
			var names []string
			for _, s := range f.Sections[1:] {
				_, err := s.Data()
				require.NoError(t, err, s.Name)
				names = append(names, s.Name)
			}
			text, err := f.Section(".text").Data()
			require.NoError(t, err)
			assert.Equal(t, []byte(p.Text), text)
			if v == isa.V0 {
				assert.Equal(t, []string{".text", ".rodata", ".dynamic", ".dynsym", ".dynstr", ".shstrtab"}, names)
				tags, err := f.DynValue(elf.DT_REL)
				require.NoError(t, err)
				assert.Empty(t, tags)
			} else {
				assert.Equal(t, []string{".rodata", ".text", ".shstrtab"}, names)
			}
		})
	}
}
