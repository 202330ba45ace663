package elfobj_test

import (
	"context"
	"debug/elf"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/internal/asmtest"
)

func TestParseReadsSectionsSymbolsAndRelocations(t *testing.T) {
	obj := asmtest.Object(t, "relocs.o", asmtest.File(t, "../link/testdata/relocs.s"))
	byName := map[string]*elfobj.Section{}
	for _, s := range obj.Sections {
		byName[s.Name] = s
	}
	entry := byName[".text.entrypoint"]
	require.NotNil(t, entry)
	assert.True(t, entry.Exec())
	assert.True(t, entry.Alloc())
	types := []uint32{}
	for _, r := range entry.Relocs {
		types = append(types, r.Type)
	}
	assert.Equal(t, []uint32{elfobj.R64_64, elfobj.R64_32, elfobj.R64_32, elfobj.R64_64, elfobj.R64_64}, types)
	assert.Equal(t, "sol_log_", obj.Symbols[entry.Relocs[1].Sym].Name)

	tab := byName[".data.rel.ro.tab"]
	require.NotNil(t, tab)
	assert.False(t, tab.Writable(), ".data.rel.ro is resolved statically")
	require.Len(t, tab.Relocs, 2)
	assert.Equal(t, uint32(elfobj.RAbs64), tab.Relocs[0].Type)
	assert.Equal(t, uint32(elfobj.RAbs32), byName[".debug_info"].Relocs[0].Type)
	assert.False(t, byName[".debug_info"].Alloc())

	assert.Equal(t, "helper", obj.FuncAt(byName[".text.helper"].Index, 8))
	assert.Equal(t, "helper_tail", obj.FuncAt(byName[".text.helper"].Index, 24))
	assert.Equal(t, "entrypoint", obj.NameIn(entry.Index))
}

func TestWritableSections(t *testing.T) {
	tests := []struct {
		sec  elfobj.Section
		want bool
	}{
		{elfobj.Section{Name: ".data.x", Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Type: elf.SHT_PROGBITS}, true},
		{elfobj.Section{Name: ".bss.x", Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Type: elf.SHT_NOBITS}, true},
		{elfobj.Section{Name: ".data.rel.ro.x", Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Type: elf.SHT_PROGBITS}, false},
		{elfobj.Section{Name: ".rodata.x", Flags: elf.SHF_ALLOC, Type: elf.SHT_PROGBITS}, false},
	}
	for _, tt := range tests {
		t.Run(tt.sec.Name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.sec.Writable())
		})
	}
}

func TestParseRejectsOtherObjects(t *testing.T) {
	_, err := elfobj.Parse("junk.o", []byte("not an elf"))
	require.ErrorContains(t, err, "junk.o: not a readable ELF object")

	dir := t.TempDir()
	src := filepath.Join(dir, "x.s")
	require.NoError(t, os.WriteFile(src, []byte("ret\n"), 0o600))
	out := filepath.Join(dir, "x.o")
	_, err = asmtest.Tools(t).Run(context.Background(), "llvm-mc", "-triple", "x86_64", "-filetype=obj", src, "-o", out)
	require.NoError(t, err)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	_, err = elfobj.Parse("x86.o", data)
	require.ErrorContains(t, err, "x86.o: want a 64-bit little-endian BPF relocatable object")
}
