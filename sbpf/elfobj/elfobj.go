// Package elfobj reads 64-bit little-endian BPF relocatable objects: the
// sections, the symbol table and the REL relocations the linker applies.
package elfobj

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
)

// BPF relocation types (as llc emits them).
const (
	RNone     = 0
	R64_64    = 1  // lddw: 64-bit absolute in the two immediates
	RAbs64    = 2  // 64-bit absolute data
	RAbs32    = 3  // 32-bit absolute data
	RNoDyld32 = 4  // 32-bit data for BTF/debug info, never loaded
	R64_32    = 10 // call: target of an internal call or a syscall
)

// Section is one section of the object.
type Section struct {
	Index  int
	Name   string
	Type   elf.SectionType
	Flags  elf.SectionFlag
	Align  uint64
	Size   uint64
	Data   []byte // nil for SHT_NOBITS
	Relocs []Reloc
}

// Alloc reports whether the section occupies memory at run time.
func (s *Section) Alloc() bool { return s.Flags&elf.SHF_ALLOC != 0 }

// Exec reports whether the section holds code.
func (s *Section) Exec() bool { return s.Flags&elf.SHF_EXECINSTR != 0 }

// Writable reports whether the section is writable at run time. Relocated
// read-only data (.data.rel.ro) is writable only for a dynamic loader, which
// SBPF does not have: the linker resolves it statically.
func (s *Section) Writable() bool {
	if s.Type == elf.SHT_NOBITS && s.Alloc() {
		return true
	}
	return s.Flags&elf.SHF_WRITE != 0 && !bytes.HasPrefix([]byte(s.Name), []byte(".data.rel.ro"))
}

// Reloc is one REL entry; the addend is implicit in the relocated bytes.
type Reloc struct {
	Offset uint64
	Type   uint32
	Sym    int
}

// Symbol is one symbol table entry.
type Symbol struct {
	Name    string
	Value   uint64
	Size    uint64
	Section elf.SectionIndex
	Bind    elf.SymBind
	Type    elf.SymType
}

// Defined reports whether the symbol is defined in a section of this object.
func (s *Symbol) Defined() bool {
	return s.Section != elf.SHN_UNDEF && s.Section < elf.SHN_LORESERVE
}

// Object is a parsed relocatable object.
type Object struct {
	Name     string // file, or archive(member), for messages
	Sections []*Section
	Symbols  []Symbol // index 0 is the null symbol
}

// IsELF reports whether data starts with the ELF magic.
func IsELF(data []byte) bool { return bytes.HasPrefix(data, []byte(elf.ELFMAG)) }

// Parse reads a BPF relocatable object.
func Parse(name string, data []byte) (*Object, error) {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable ELF object: %w", name, err)
	}
	if f.Class != elf.ELFCLASS64 || f.Data != elf.ELFDATA2LSB || f.Machine != elf.EM_BPF || f.Type != elf.ET_REL {
		return nil, fmt.Errorf("%s: want a 64-bit little-endian BPF relocatable object, got %v %v %v %v",
			name, f.Class, f.Data, f.Machine, f.Type)
	}
	obj := &Object{Name: name, Sections: make([]*Section, len(f.Sections))}
	for i, s := range f.Sections {
		sec := &Section{Index: i, Name: s.Name, Type: s.Type, Flags: s.Flags, Align: s.Addralign, Size: s.Size}
		if s.Type != elf.SHT_NOBITS && s.Type != elf.SHT_NULL {
			if sec.Data, err = s.Data(); err != nil {
				return nil, fmt.Errorf("%s: section %s: %w", name, s.Name, err)
			}
		}
		obj.Sections[i] = sec
	}
	syms, err := f.Symbols()
	if err != nil && err != elf.ErrNoSymbols {
		return nil, fmt.Errorf("%s: symbol table: %w", name, err)
	}
	obj.Symbols = make([]Symbol, 1, len(syms)+1) // debug/elf drops the null symbol
	for _, s := range syms {
		obj.Symbols = append(obj.Symbols, Symbol{
			Name: s.Name, Value: s.Value, Size: s.Size, Section: s.Section,
			Bind: elf.ST_BIND(s.Info), Type: elf.ST_TYPE(s.Info),
		})
	}
	for _, s := range f.Sections {
		if s.Type == elf.SHT_RELA {
			return nil, fmt.Errorf("%s: section %s: RELA relocations are not used by BPF objects", name, s.Name)
		}
		if s.Type != elf.SHT_REL {
			continue
		}
		if int(s.Info) >= len(obj.Sections) {
			return nil, fmt.Errorf("%s: relocation section %s targets missing section %d", name, s.Name, s.Info)
		}
		target := obj.Sections[s.Info]
		raw := obj.Sections[indexOf(f, s)].Data
		for off := 0; off+16 <= len(raw); off += 16 {
			info := binary.LittleEndian.Uint64(raw[off+8:])
			r := Reloc{Offset: binary.LittleEndian.Uint64(raw[off:]), Type: uint32(info), Sym: int(info >> 32)}
			if r.Sym >= len(obj.Symbols) {
				return nil, fmt.Errorf("%s: %s: relocation at %#x names symbol %d of %d", name, s.Name, r.Offset, r.Sym, len(obj.Symbols))
			}
			target.Relocs = append(target.Relocs, r)
		}
	}
	return obj, nil
}

func indexOf(f *elf.File, s *elf.Section) int {
	for i, x := range f.Sections {
		if x == s {
			return i
		}
	}
	return -1
}

// FuncAt returns the name of the function symbol of section sec covering off,
// or "" when none does.
func (o *Object) FuncAt(sec int, off uint64) string {
	best := ""
	for _, s := range o.Symbols {
		if int(s.Section) != sec || s.Type != elf.STT_FUNC {
			continue
		}
		if off >= s.Value && (off < s.Value+s.Size || s.Size == 0) {
			best = s.Name
		}
	}
	return best
}

// NameIn returns the first named data or function symbol defined in section
// sec, for messages about relocations against a section symbol; "" if none.
func (o *Object) NameIn(sec int) string {
	for _, s := range o.Symbols {
		if int(s.Section) == sec && s.Name != "" && (s.Type == elf.STT_OBJECT || s.Type == elf.STT_FUNC) {
			return s.Name
		}
	}
	return ""
}
