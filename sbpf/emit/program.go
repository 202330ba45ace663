// Package emit turns a linked Image into final SBPF bytecode and writes it as
// an SBPF v0 or v3 ELF file, following the loader in solana-sbpf (src/elf.rs):
//
//   - v0 (lenient parser): ET_DYN with section headers; .text and read-only
//     data live at sh_addr == sh_offset and are mapped at 1<<32 + sh_addr;
//     internal calls are pc-relative immediates the loader rewrites; each
//     syscall call is `call -1` plus an R_BPF_64_32 dynamic relocation
//     against an undefined .dynsym entry.
//   - v3 (strict parser): e_flags 3, exactly two PT_LOAD headers right after
//     the ELF header, read-only data at vaddr 0 and bytecode at vaddr 1<<32;
//     no relocations: syscalls are `call` src=0 imm=murmur3(name) and internal
//     calls src=1 imm=pc-relative.
//
// Absolute addresses (lddw immediates, pointers in .data.rel.ro) are written
// as final values for both versions, so v0 needs no R_BPF_64_RELATIVE.
//
// The instruction set is the same for both: in solana-sbpf 0.23 (what
// litesvm 1.5.0 runs) v3 keeps lddw, le, neg, the plain mul/div/mod opcodes
// and the runtime-managed 4 KiB stack frames; hor64, the PQR class, moved
// memory classes and swapped sub operands are v2-only. Only calls and
// callx differ, as above. Checked by deploying programs that use lddw,
// callx through vtables and 3000-byte frames as v3 and v0.
package emit

import (
	"fmt"

	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/link"
	"github.com/ionet-oss/ionet/sbpf/syscall"
)

// regionSize is the size of one SBPF virtual memory region (1 << 32).
const regionSize = 1 << 32

// Fixed layout pieces of the ELF files.
const (
	ehdrSize = 64
	phdrSize = 56
)

// SyscallSite is a call to a syscall (v0 needs a relocation for each).
type SyscallSite struct {
	Slot int
	Name string
}

// Program is final bytecode and data for one SBPF version.
type Program struct {
	Version  isa.Version
	Text     isa.Program
	Rodata   []byte
	Entry    int
	Syscalls []SyscallSite
	// rodataAddr and textAddr are the VM addresses of the two regions.
	rodataAddr, textAddr uint64
}

// Build encodes im for version v: call immediates, callx registers and
// absolute addresses.
func Build(im *link.Image, v isa.Version) (*Program, error) {
	p := &Program{
		Version: v,
		Text:    append(isa.Program(nil), im.Text...),
		Rodata:  append([]byte(nil), im.Rodata...),
		Entry:   im.Entry,
	}
	for len(p.Rodata)%isa.Size != 0 {
		p.Rodata = append(p.Rodata, 0)
	}
	switch v {
	case isa.V0:
		l := layoutV0(len(p.Text), len(p.Rodata))
		p.textAddr, p.rodataAddr = regionSize+l.text, regionSize+l.rodata
	case isa.V3:
		p.textAddr, p.rodataAddr = regionSize, 0
	default:
		return nil, fmt.Errorf("cannot write %v: only v0 and v3 are supported", v)
	}
	for _, c := range im.Calls {
		insn := p.Text.At(c.Slot)
		if c.Syscall != "" {
			insn.Src = isa.CallSrcSyscall
			insn.Imm = -1 // v0: the loader writes the hash from the relocation
			if v == isa.V3 {
				insn.Imm = int32(syscall.Hash(c.Syscall))
			}
			p.Syscalls = append(p.Syscalls, SyscallSite{Slot: c.Slot, Name: c.Syscall})
		} else {
			insn.Src = isa.CallSrcInternal
			insn.Imm = int32(c.Target - c.Slot - 1)
			if v == isa.V0 && insn.Imm == -1 {
				return nil, fmt.Errorf("call at insn %d in function `%s` targets itself, which SBPF v0 reads as a syscall", c.Slot, im.FuncAt(c.Slot))
			}
		}
		p.Text.Set(c.Slot, insn)
	}
	for n := 0; n < p.Text.Len(); n++ {
		insn := p.Text.At(n)
		switch insn.Op {
		case isa.OpLddw:
			n++
		case isa.OpCallx:
			// LLVM puts the target register in dst; v0 reads it from imm
			// and v3 from dst, so both fields carry it.
			insn.Imm = int32(insn.Dst)
			p.Text.Set(n, insn)
		}
	}
	for _, r := range im.Refs {
		addr := p.rodataAddr + r.Offset
		if r.Region == link.RegionText {
			addr = p.textAddr + r.Offset
		}
		switch r.Kind {
		case link.RefLddw:
			p.Text.SetLddwImm(r.At, addr)
		case link.RefData64:
			putUint64(p.Rodata[r.At:], addr)
		}
	}
	return p, nil
}

func putUint64(b []byte, v uint64) {
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (8 * i))
	}
}

// ELF serialises the program in its version's container.
func (p *Program) ELF() []byte {
	if p.Version == isa.V3 {
		return p.elfV3()
	}
	return p.elfV0()
}
