package emit

import (
	"debug/elf"

	"github.com/ionet-oss/ionet/sbpf/isa"
)

// elfV3 writes the strict-parser layout: ELF header, two program headers
// (read-only data at vaddr 0, bytecode at vaddr 1<<32), the two segments
// back to back, then a minimal section header table (ignored by the loader
// but e_shstrndx must be valid, and tools like llvm-objdump use it).
func (p *Program) elfV3() []byte {
	const segStart = ehdrSize + 2*phdrSize
	rodataOff := uint64(segStart)
	textOff := rodataOff + uint64(len(p.Rodata))
	names := newStrtab()
	nRodata, nText, nShstr := names.add(".rodata"), names.add(".text"), names.add(".shstrtab")
	shstrOff := textOff + uint64(len(p.Text))
	shoff := shstrOff + uint64(len(names.b))
	shoff = (shoff + 7) &^ 7

	var w buf
	w.ehdr(ehdr{
		typ: elf.ET_DYN, entry: p.textAddr + uint64(p.Entry)*isa.Size,
		phoff: ehdrSize, shoff: shoff, flags: uint32(isa.V3),
		phnum: 2, shnum: 4, shstrndx: 3,
	})
	w.phdr(phdr{typ: elf.PT_LOAD, flags: elf.PF_R, off: rodataOff, vaddr: p.rodataAddr, size: uint64(len(p.Rodata)), align: isa.Size})
	w.phdr(phdr{typ: elf.PT_LOAD, flags: elf.PF_X, off: textOff, vaddr: p.textAddr, size: uint64(len(p.Text)), align: isa.Size})
	w.padTo(rodataOff)
	w.bytes(p.Rodata)
	w.padTo(textOff)
	w.bytes(p.Text)
	w.padTo(shstrOff)
	w.bytes(names.b)
	w.padTo(shoff)
	w.shdr(shdr{})
	w.shdr(shdr{name: nRodata, typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC, addr: p.rodataAddr, off: rodataOff, size: uint64(len(p.Rodata)), align: isa.Size})
	w.shdr(shdr{name: nText, typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, addr: p.textAddr, off: textOff, size: uint64(len(p.Text)), align: isa.Size})
	w.shdr(shdr{name: nShstr, typ: elf.SHT_STRTAB, off: shstrOff, size: uint64(len(names.b)), align: 1})
	return w.b
}
