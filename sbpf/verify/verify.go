// Package verify checks final SBPF bytecode before the linker writes it, so
// that a program the loader would reject, or one that would silently compute
// something else on SBPF than on eBPF, fails at link time with the function
// and instruction named.
package verify

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/syscall"
)

// Input is the program to check.
type Input struct {
	Version isa.Version
	Text    isa.Program
	// Syscalls maps v0 call slots to the syscall their relocation names.
	Syscalls map[int]string
	// FuncStarts holds the slots where functions begin (call targets).
	FuncStarts map[int]bool
	// FuncAt names the function containing a slot ("" if unknown).
	FuncAt func(int) string
}

// maxReported bounds the list of problems in one error.
const maxReported = 20

var conditions = []uint8{0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0}

// valid builds the opcode set of a version.
func valid(v isa.Version) map[uint8]bool {
	ops := map[uint8]bool{isa.OpLddw: true, isa.OpJa: true, isa.OpCall: true, isa.OpCallx: true, isa.OpExit: true}
	for _, size := range []uint8{0x00, 0x08, 0x10, 0x18} { // w, h, b, dw
		ops[0x61|size] = true // ldx
		ops[0x62|size] = true // st
		ops[0x63|size] = true // stx
	}
	for _, op := range []uint8{isa.AluAdd, isa.AluSub, isa.AluMul, isa.AluDiv, isa.AluOr, isa.AluAnd, isa.AluLsh,
		isa.AluRsh, isa.AluMod, isa.AluXor, isa.AluMov, isa.AluArsh} {
		for _, src := range []uint8{0, isa.SourceReg} {
			ops[isa.ClassALU|op|src] = true
			ops[isa.ClassALU64|op|src] = true
		}
	}
	ops[isa.ClassALU|isa.AluNeg] = true
	ops[isa.ClassALU64|isa.AluNeg] = true
	ops[isa.ClassALU|isa.AluEnd] = true               // le
	ops[isa.ClassALU|isa.AluEnd|isa.SourceReg] = true // be
	for _, c := range conditions {
		ops[isa.ClassJMP|c] = true
		ops[isa.ClassJMP|c|isa.SourceReg] = true
		if v >= isa.V3 {
			ops[isa.ClassJMP32|c] = true
			ops[isa.ClassJMP32|c|isa.SourceReg] = true
		}
	}
	return ops
}

// Check returns every problem found (up to a bound), or nil.
func Check(in Input) error {
	c := checker{in: in, ops: valid(in.Version), second: map[int]bool{}}
	n := in.Text.Len()
	for i := 0; i < n; i++ {
		if in.Text.At(i).Op == isa.OpLddw {
			c.second[i+1] = true
			i++
		}
	}
	for i := 0; i < n; i++ {
		c.insn(i)
		if in.Text.At(i).Op == isa.OpLddw {
			i++
		}
	}
	if len(c.problems) == 0 {
		return nil
	}
	if len(c.problems) > maxReported {
		more := len(c.problems) - maxReported
		c.problems = append(c.problems[:maxReported], fmt.Sprintf("... and %d more", more))
	}
	return errors.New(strings.Join(c.problems, "\n"))
}

type checker struct {
	in       Input
	ops      map[uint8]bool
	second   map[int]bool // second slots of lddw
	problems []string
}

func (c *checker) fail(slot int, format string, args ...any) {
	where := fmt.Sprintf("at insn %d", slot)
	if c.in.FuncAt != nil {
		if f := c.in.FuncAt(slot); f != "" {
			where = fmt.Sprintf("in function `%s` at insn %d", f, slot)
		}
	}
	c.problems = append(c.problems, where+": "+fmt.Sprintf(format, args...))
}

func (c *checker) insn(slot int) {
	in := c.in.Text.At(slot)
	n := c.in.Text.Len()
	switch {
	case in.Class() == isa.ClassJMP32 && c.in.Version == isa.V0:
		c.fail(slot, "JMP32 instruction %s: SBPF v0 has no 32-bit jumps (compile with -mcpu=v2, never v3/v4/+alu32)", in)
		return
	case in.Class() == isa.ClassALU && (in.AluOp() == isa.AluAdd || in.AluOp() == isa.AluSub || in.AluOp() == isa.AluMul):
		c.fail(slot, "32-bit add/sub/mul %s: SBPF sign-extends its result where eBPF zero-extends, a silent miscompile (compile with -mcpu=v2, never v3/v4/+alu32)", in)
		return
	case !c.ops[in.Op]:
		c.fail(slot, "unknown or unsupported opcode %s for %v", in, c.in.Version)
		return
	}
	if in.Dst > 10 || in.Src > 10 {
		c.fail(slot, "register out of range in %s", in)
		return
	}
	switch in.Class() {
	case isa.ClassALU, isa.ClassALU64:
		c.alu(slot, in)
	case isa.ClassLDX:
		c.writesDst(slot, in)
	case isa.ClassLD:
		c.writesDst(slot, in)
		if slot+1 >= n || c.in.Text.At(slot+1).Op != 0 {
			c.fail(slot, "incomplete lddw: the second slot is missing or not zero")
		}
	case isa.ClassJMP, isa.ClassJMP32:
		switch in.Op {
		case isa.OpCall:
			c.call(slot, in)
		case isa.OpCallx:
			reg := in.Imm
			if c.in.Version >= isa.V3 {
				reg = int32(in.Dst)
			}
			if reg < 0 || reg > 9 {
				c.fail(slot, "callx through invalid register %d", reg)
			}
		default:
			if in.IsJump() {
				c.jump(slot, in)
			}
		}
	}
}

func (c *checker) writesDst(slot int, in isa.Insn) {
	if in.Dst == isa.FrameReg {
		c.fail(slot, "%s writes r10, the read-only frame pointer", in)
	}
}

func (c *checker) alu(slot int, in isa.Insn) {
	c.writesDst(slot, in)
	if in.Off != 0 {
		c.fail(slot, "ALU instruction %s has a nonzero offset field (eBPF v4 signed division or sign-extending move), which SBPF ignores", in)
	}
	bits := int32(64)
	if in.Class() == isa.ClassALU {
		bits = 32
	}
	imm := in.Op&isa.SourceReg == 0
	switch in.AluOp() {
	case isa.AluLsh, isa.AluRsh, isa.AluArsh:
		if imm && (in.Imm < 0 || in.Imm >= bits) {
			c.fail(slot, "shift by %d of a %d-bit value", in.Imm, bits)
		}
	case isa.AluDiv, isa.AluMod:
		if imm && in.Imm == 0 {
			c.fail(slot, "division by the constant 0")
		}
	case isa.AluEnd:
		if in.Imm != 16 && in.Imm != 32 && in.Imm != 64 {
			c.fail(slot, "byte swap of %d bits (want 16, 32 or 64)", in.Imm)
		}
	}
}

func (c *checker) jump(slot int, in isa.Insn) {
	t := slot + 1 + int(in.Off)
	switch {
	case t < 0 || t >= c.in.Text.Len():
		c.fail(slot, "jump to insn %d, outside the program (0..%d)", t, c.in.Text.Len()-1)
	case c.second[t]:
		c.fail(slot, "jump to insn %d, the middle of an lddw", t)
	}
}

func (c *checker) call(slot int, in isa.Insn) {
	if name, ok := c.in.Syscalls[slot]; ok && c.in.Version == isa.V0 {
		if in.Imm != -1 {
			c.fail(slot, "syscall `%s` call must have imm -1 in v0, has %d", name, in.Imm)
		}
		if !syscall.Known(name) {
			c.fail(slot, "call to `%s`, which is not a Solana syscall", name)
		}
		return
	}
	if c.in.Version >= isa.V3 && in.Src == isa.CallSrcSyscall {
		if _, ok := syscall.ByHash(uint32(in.Imm)); !ok {
			c.fail(slot, "syscall with unknown hash %#08x", uint32(in.Imm))
		}
		return
	}
	if in.Imm == -1 {
		c.fail(slot, "unresolved call (imm -1 without a syscall relocation)")
		return
	}
	t := slot + 1 + int(in.Imm)
	switch {
	case t < 0 || t >= c.in.Text.Len():
		c.fail(slot, "call to insn %d, outside the program (0..%d)", t, c.in.Text.Len()-1)
	case c.second[t]:
		c.fail(slot, "call to insn %d, the middle of an lddw", t)
	case c.in.FuncStarts != nil && !c.in.FuncStarts[t]:
		c.fail(slot, "call to insn %d, which is not the start of a function", t)
	}
}
