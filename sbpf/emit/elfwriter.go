package emit

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
)

// buf is a little-endian byte writer.
type buf struct{ b []byte }

func (w *buf) u8(v uint8)     { w.b = append(w.b, v) }
func (w *buf) u16(v uint16)   { w.b = binary.LittleEndian.AppendUint16(w.b, v) }
func (w *buf) u32(v uint32)   { w.b = binary.LittleEndian.AppendUint32(w.b, v) }
func (w *buf) u64(v uint64)   { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *buf) bytes(v []byte) { w.b = append(w.b, v...) }

// padTo zero-fills up to file offset off, where the layout placed the next
// piece; being past it is a layout bug.
func (w *buf) padTo(off uint64) {
	if uint64(len(w.b)) > off {
		panic(fmt.Sprintf("emit: layout overlap: at %d, next piece starts at %d", len(w.b), off))
	}
	for uint64(len(w.b)) < off {
		w.b = append(w.b, 0)
	}
}

type ehdr struct {
	typ          elf.Type
	entry        uint64
	phoff, shoff uint64
	flags        uint32
	phnum, shnum uint16
	shstrndx     uint16
}

func (w *buf) ehdr(h ehdr) {
	w.bytes([]byte{0x7f, 'E', 'L', 'F', byte(elf.ELFCLASS64), byte(elf.ELFDATA2LSB), byte(elf.EV_CURRENT), byte(elf.ELFOSABI_NONE)})
	w.bytes(make([]byte, 8)) // ABI version and padding
	w.u16(uint16(h.typ))
	w.u16(uint16(elf.EM_BPF))
	w.u32(uint32(elf.EV_CURRENT))
	w.u64(h.entry)
	w.u64(h.phoff)
	w.u64(h.shoff)
	w.u32(h.flags)
	w.u16(ehdrSize)
	w.u16(phdrSize)
	w.u16(h.phnum)
	w.u16(64)
	w.u16(h.shnum)
	w.u16(h.shstrndx)
}

type phdr struct {
	typ         elf.ProgType
	flags       elf.ProgFlag
	off, vaddr  uint64
	size, align uint64
}

func (w *buf) phdr(p phdr) {
	w.u32(uint32(p.typ))
	w.u32(uint32(p.flags))
	w.u64(p.off)
	w.u64(p.vaddr)
	w.u64(p.vaddr)
	w.u64(p.size)
	w.u64(p.size)
	w.u64(p.align)
}

type shdr struct {
	name       uint32
	typ        elf.SectionType
	flags      elf.SectionFlag
	addr, off  uint64
	size       uint64
	link, info uint32
	align      uint64
	entsize    uint64
}

func (w *buf) shdr(s shdr) {
	w.u32(s.name)
	w.u32(uint32(s.typ))
	w.u64(uint64(s.flags))
	w.u64(s.addr)
	w.u64(s.off)
	w.u64(s.size)
	w.u32(s.link)
	w.u32(s.info)
	w.u64(s.align)
	w.u64(s.entsize)
}

// strtab builds a string table; index 0 is the empty string.
type strtab struct {
	b   []byte
	idx map[string]uint32
}

func newStrtab() *strtab { return &strtab{b: []byte{0}, idx: map[string]uint32{"": 0}} }

func (t *strtab) add(s string) uint32 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := uint32(len(t.b))
	t.b = append(append(t.b, s...), 0)
	t.idx[s] = i
	return i
}
