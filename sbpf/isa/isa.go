// Package isa encodes and classifies eBPF/SBPF instructions.
//
// Every instruction is 8 bytes: opcode, dst (low nibble) and src (high nibble)
// registers, a signed 16-bit offset and a signed 32-bit immediate. lddw takes
// two slots; the second slot carries the upper 32 bits in its immediate.
package isa

import (
	"encoding/binary"
	"fmt"
)

// Size is the size of one instruction slot in bytes.
const Size = 8

// Instruction classes (low three bits of the opcode).
const (
	ClassLD    = 0x00
	ClassLDX   = 0x01
	ClassST    = 0x02
	ClassSTX   = 0x03
	ClassALU   = 0x04
	ClassJMP   = 0x05
	ClassJMP32 = 0x06
	ClassALU64 = 0x07
)

// ALU operation codes (high four bits of ALU/ALU64 opcodes).
const (
	AluAdd  = 0x00
	AluSub  = 0x10
	AluMul  = 0x20
	AluDiv  = 0x30
	AluOr   = 0x40
	AluAnd  = 0x50
	AluLsh  = 0x60
	AluRsh  = 0x70
	AluNeg  = 0x80
	AluMod  = 0x90
	AluXor  = 0xa0
	AluMov  = 0xb0
	AluArsh = 0xc0
	AluEnd  = 0xd0
)

// SourceReg is the opcode bit selecting a register (not the immediate) as source.
const SourceReg = 0x08

// Opcodes the linker handles specially.
const (
	OpLddw  = 0x18
	OpJa    = 0x05
	OpCall  = 0x85
	OpCallx = 0x8d
	OpExit  = 0x95
)

// Call source-register values: internal (pc-relative) call vs syscall.
const (
	CallSrcSyscall  = 0
	CallSrcInternal = 1
)

// FrameReg is r10, the read-only frame pointer.
const FrameReg = 10

// Insn is one decoded instruction slot.
type Insn struct {
	Op  uint8
	Dst uint8
	Src uint8
	Off int16
	Imm int32
}

// Decode reads the instruction slot at b[0:8].
func Decode(b []byte) Insn {
	return Insn{
		Op:  b[0],
		Dst: b[1] & 0x0f,
		Src: b[1] >> 4,
		Off: int16(binary.LittleEndian.Uint16(b[2:4])),
		Imm: int32(binary.LittleEndian.Uint32(b[4:8])),
	}
}

// Encode writes the instruction slot into b[0:8].
func (i Insn) Encode(b []byte) {
	b[0] = i.Op
	b[1] = i.Dst&0x0f | i.Src<<4
	binary.LittleEndian.PutUint16(b[2:4], uint16(i.Off))
	binary.LittleEndian.PutUint32(b[4:8], uint32(i.Imm))
}

// Class returns the instruction class.
func (i Insn) Class() uint8 { return i.Op & 0x07 }

// AluOp returns the operation of an ALU or ALU64 instruction.
func (i Insn) AluOp() uint8 { return i.Op & 0xf0 }

// IsJump reports whether the instruction is a conditional or unconditional
// jump whose target is pc + 1 + Off (calls and exit excluded).
func (i Insn) IsJump() bool {
	switch i.Class() {
	case ClassJMP:
		return i.Op != OpCall && i.Op != OpCallx && i.Op != OpExit
	case ClassJMP32:
		return true
	}
	return false
}

func (i Insn) String() string {
	return fmt.Sprintf("op=%#02x dst=r%d src=r%d off=%d imm=%d", i.Op, i.Dst, i.Src, i.Off, i.Imm)
}

// Program is a sequence of instruction slots backed by its encoded bytes.
type Program []byte

// Len returns the number of slots.
func (p Program) Len() int { return len(p) / Size }

// At decodes slot n.
func (p Program) At(n int) Insn { return Decode(p[n*Size:]) }

// Set encodes slot n.
func (p Program) Set(n int, i Insn) { i.Encode(p[n*Size:]) }

// LddwImm returns the 64-bit immediate of the lddw starting at slot n.
func (p Program) LddwImm(n int) uint64 {
	lo := binary.LittleEndian.Uint32(p[n*Size+4:])
	hi := binary.LittleEndian.Uint32(p[(n+1)*Size+4:])
	return uint64(hi)<<32 | uint64(lo)
}

// SetLddwImm writes the 64-bit immediate of the lddw starting at slot n.
func (p Program) SetLddwImm(n int, v uint64) {
	binary.LittleEndian.PutUint32(p[n*Size+4:], uint32(v))
	binary.LittleEndian.PutUint32(p[(n+1)*Size+4:], uint32(v>>32))
}

// Version is the SBPF version a program is written for (the ELF e_flags).
type Version int

// Supported SBPF versions.
const (
	V0 Version = 0
	V3 Version = 3
)

func (v Version) String() string { return fmt.Sprintf("SBPF v%d", int(v)) }
