package emit

import (
	"debug/elf"
	"sort"

	"github.com/ionet-oss/ionet/sbpf/isa"
)

// v0 file layout: ELF header, 4 program headers, .text, .rodata, .dynamic,
// .dynsym, .dynstr, .rel.dyn, .shstrtab, section headers. Every allocated
// section has sh_addr == sh_offset, as the loader requires.
const v0Phnum = 4

type v0Layout struct {
	text, rodata uint64
}

func layoutV0(textLen, rodataLen int) v0Layout {
	text := uint64(ehdrSize + v0Phnum*phdrSize)
	return v0Layout{text: text, rodata: text + uint64(textLen)}
}

const (
	dtNull    = 0
	dtStrtab  = 5
	dtSymtab  = 6
	dtStrsz   = 10
	dtSyment  = 11
	dtRel     = 17
	dtRelsz   = 18
	dtRelent  = 19
	dtTextrel = 22

	symSize  = 24
	relSize  = 16
	rBpf6432 = 10 // R_BPF_64_32: call, resolved by the loader
)

func (p *Program) elfV0() []byte {
	l := layoutV0(len(p.Text), len(p.Rodata))

	// .dynsym: null, entrypoint, then one undefined symbol per syscall.
	dynstr := newStrtab()
	type sym struct {
		name  uint32
		info  uint8
		shndx uint16
		value uint64
	}
	syms := []sym{{}, {name: dynstr.add("entrypoint"), info: uint8(elf.STB_GLOBAL)<<4 | uint8(elf.STT_FUNC), shndx: 1,
		value: l.text + uint64(p.Entry)*isa.Size}}
	symIndex := map[string]uint32{}
	var names []string
	for _, s := range p.Syscalls {
		if _, ok := symIndex[s.Name]; !ok {
			symIndex[s.Name] = 0
			names = append(names, s.Name)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		symIndex[n] = uint32(len(syms))
		syms = append(syms, sym{name: dynstr.add(n), info: uint8(elf.STB_GLOBAL)<<4 | uint8(elf.STT_NOTYPE)})
	}

	dynamicOff := (l.rodata + uint64(len(p.Rodata)) + 7) &^ 7
	dynCount := 6 // STRTAB STRSZ SYMTAB SYMENT ... NULL
	if len(p.Syscalls) > 0 {
		dynCount += 4 // REL RELSZ RELENT TEXTREL
	}
	dynsymOff := dynamicOff + uint64(dynCount*16)
	dynstrOff := dynsymOff + uint64(len(syms)*symSize)
	relOff := (dynstrOff + uint64(len(dynstr.b)) + 7) &^ 7
	relLen := uint64(len(p.Syscalls) * relSize)

	shnames := newStrtab()
	type section struct {
		name           string
		typ            elf.SectionType
		flags          elf.SectionFlag
		off, size      uint64
		link, info     uint32
		align, entsize uint64
	}
	sections := []section{
		{name: ".text", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, off: l.text, size: uint64(len(p.Text)), align: 8},
		{name: ".rodata", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC, off: l.rodata, size: uint64(len(p.Rodata)), align: 8},
		{name: ".dynamic", typ: elf.SHT_DYNAMIC, flags: elf.SHF_ALLOC | elf.SHF_WRITE, off: dynamicOff, size: uint64(dynCount * 16), link: 5, align: 8, entsize: 16},
		{name: ".dynsym", typ: elf.SHT_DYNSYM, flags: elf.SHF_ALLOC, off: dynsymOff, size: uint64(len(syms) * symSize), link: 5, info: 1, align: 8, entsize: symSize},
		{name: ".dynstr", typ: elf.SHT_STRTAB, flags: elf.SHF_ALLOC, off: dynstrOff, size: uint64(len(dynstr.b)), align: 1},
	}
	if relLen > 0 {
		sections = append(sections, section{name: ".rel.dyn", typ: elf.SHT_REL, flags: elf.SHF_ALLOC, off: relOff, size: relLen, link: 4, align: 8, entsize: relSize})
	}
	allocEnd := relOff + relLen
	if relLen == 0 {
		allocEnd = dynstrOff + uint64(len(dynstr.b))
	}
	for _, s := range sections {
		shnames.add(s.name)
	}
	shstrOff := allocEnd
	shnames.add(".shstrtab")
	sections = append(sections, section{name: ".shstrtab", typ: elf.SHT_STRTAB, off: shstrOff, size: uint64(len(shnames.b)), align: 1})
	shoff := (shstrOff + uint64(len(shnames.b)) + 7) &^ 7

	var w buf
	w.ehdr(ehdr{typ: elf.ET_DYN, entry: l.text + uint64(p.Entry)*isa.Size, phoff: ehdrSize, shoff: shoff,
		flags: uint32(isa.V0), phnum: v0Phnum, shnum: uint16(len(sections) + 1), shstrndx: uint16(len(sections))})
	w.phdr(phdr{typ: elf.PT_LOAD, flags: elf.PF_R | elf.PF_X, off: l.text, vaddr: l.text, size: uint64(len(p.Text)), align: 8})
	w.phdr(phdr{typ: elf.PT_LOAD, flags: elf.PF_R, off: l.rodata, vaddr: l.rodata, size: uint64(len(p.Rodata)), align: 8})
	w.phdr(phdr{typ: elf.PT_LOAD, flags: elf.PF_R, off: dynamicOff, vaddr: dynamicOff, size: allocEnd - dynamicOff, align: 8})
	w.phdr(phdr{typ: elf.PT_DYNAMIC, flags: elf.PF_R, off: dynamicOff, vaddr: dynamicOff, size: uint64(dynCount * 16), align: 8})
	w.padTo(l.text)
	w.bytes(p.Text)
	w.padTo(l.rodata)
	w.bytes(p.Rodata)
	w.padTo(dynamicOff)
	dyn := func(tag, val uint64) { w.u64(tag); w.u64(val) }
	if len(p.Syscalls) > 0 {
		dyn(dtRel, relOff)
		dyn(dtRelsz, relLen)
		dyn(dtRelent, relSize)
		dyn(dtTextrel, 0)
	}
	dyn(dtSymtab, dynsymOff)
	dyn(dtSyment, symSize)
	dyn(dtStrtab, dynstrOff)
	dyn(dtStrsz, uint64(len(dynstr.b)))
	dyn(dtNull, 0)
	dyn(dtNull, 0)
	w.padTo(dynsymOff)
	for _, s := range syms {
		w.u32(s.name)
		w.u8(s.info)
		w.u8(0)
		w.u16(s.shndx)
		w.u64(s.value)
		w.u64(0)
	}
	w.padTo(dynstrOff)
	w.bytes(dynstr.b)
	if relLen > 0 {
		w.padTo(relOff)
		for _, s := range p.Syscalls {
			w.u64(l.text + uint64(s.Slot)*isa.Size)
			w.u64(uint64(symIndex[s.Name])<<32 | rBpf6432)
		}
	}
	w.padTo(shstrOff)
	w.bytes(shnames.b)
	w.padTo(shoff)
	w.shdr(shdr{})
	for _, s := range sections {
		addr := s.off
		if s.flags&elf.SHF_ALLOC == 0 {
			addr = 0
		}
		w.shdr(shdr{name: shnames.add(s.name), typ: s.typ, flags: s.flags, addr: addr, off: s.off, size: s.size,
			link: s.link, info: s.info, align: s.align, entsize: s.entsize})
	}
	return w.b
}
