package verify_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/internal/asmtest"
	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/syscall"
	"github.com/ionet-oss/ionet/sbpf/verify"
)

func program(insns ...isa.Insn) isa.Program {
	p := make(isa.Program, len(insns)*isa.Size)
	for i, in := range insns {
		p.Set(i, in)
	}
	return p
}

// textOf assembles a testdata fixture and returns its .text bytes.
func textOf(t *testing.T, name, cpu string) isa.Program {
	obj, err := elfobj.Parse(name, asmtest.Assemble(t, asmtest.File(t, "testdata/"+name), cpu))
	require.NoError(t, err)
	for _, s := range obj.Sections {
		if s.Name == ".text" {
			return isa.Program(s.Data)
		}
	}
	t.Fatalf("%s has no .text", name)
	return nil
}

var (
	exit   = isa.Insn{Op: isa.OpExit}
	mov0   = isa.Insn{Op: 0xb7}                       // r0 = 0
	lddw   = isa.Insn{Op: isa.OpLddw, Dst: 1, Imm: 1} // r1 = 1 ll (first slot)
	second = isa.Insn{}
)

func TestAcceptsValidPrograms(t *testing.T) {
	p := program(
		lddw, second,
		isa.Insn{Op: 0x05, Off: 1}, // ja +1
		mov0,
		isa.Insn{Op: isa.OpCall, Src: isa.CallSrcInternal, Imm: 1}, // call f (slot 6)
		exit,
		isa.Insn{Op: isa.OpCallx, Dst: 1, Imm: 1},
		exit,
	)
	for _, v := range []isa.Version{isa.V0, isa.V3} {
		assert.NoError(t, verify.Check(verify.Input{Version: v, Text: p, FuncStarts: map[int]bool{0: true, 6: true}}), v.String())
	}
	v3sys := program(isa.Insn{Op: isa.OpCall, Imm: int32(syscall.Hash("sol_log_"))}, exit)
	assert.NoError(t, verify.Check(verify.Input{Version: isa.V3, Text: v3sys}))
	v0sys := program(isa.Insn{Op: isa.OpCall, Imm: -1}, exit)
	assert.NoError(t, verify.Check(verify.Input{Version: isa.V0, Text: v0sys, Syscalls: map[int]string{0: "sol_log_"}}))
	// JMP32 is legal in v3.
	assert.NoError(t, verify.Check(verify.Input{Version: isa.V3, Text: textOf(t, "jmp32.s", "v3")}))
}

func TestRejections(t *testing.T) {
	tests := []struct {
		name     string
		version  isa.Version
		text     func(t *testing.T) isa.Program
		syscalls map[int]string
		want     string
		fn       string // function the fixture's code belongs to
	}{
		{"JMP32 in v0", isa.V0, func(t *testing.T) isa.Program { return textOf(t, "jmp32.s", "v3") },
			nil, "in function `f` at insn 0: JMP32 instruction op=0x26 dst=r1 src=r0 off=1 imm=3: SBPF v0 has no 32-bit jumps", "f"},
		{"32-bit add", isa.V3, func(t *testing.T) isa.Program { return textOf(t, "alu32.s", "v3") },
			nil, "in function `f` at insn 0: 32-bit add/sub/mul op=0x04 dst=r1 src=r0 off=0 imm=1: SBPF sign-extends its result where eBPF zero-extends", "f"},
		{"signed division (ALU offset)", isa.V0, func(t *testing.T) isa.Program { return textOf(t, "sdiv.s", "v4") },
			nil, "in function `f` at insn 0: ALU instruction op=0x3f dst=r1 src=r2 off=1 imm=0 has a nonzero offset field", "f"},
		{"unknown opcode", isa.V0, func(*testing.T) isa.Program { return program(isa.Insn{Op: 0xdb, Dst: 1, Src: 2}, exit) },
			nil, "at insn 0: unknown or unsupported opcode op=0xdb", ""},
		{"write to r10", isa.V3, func(*testing.T) isa.Program { return program(isa.Insn{Op: 0xb7, Dst: 10}, exit) },
			nil, "writes r10, the read-only frame pointer", ""},
		{"jump out of range", isa.V0, func(*testing.T) isa.Program { return program(isa.Insn{Op: 0x05, Off: 5}, exit) },
			nil, "at insn 0: jump to insn 6, outside the program (0..1)", ""},
		{"jump into lddw", isa.V3, func(*testing.T) isa.Program { return program(isa.Insn{Op: 0x15, Dst: 1, Off: 1}, lddw, second, exit) },
			nil, "at insn 0: jump to insn 2, the middle of an lddw", ""},
		{"incomplete lddw", isa.V0, func(*testing.T) isa.Program { return program(mov0, lddw) },
			nil, "at insn 1: incomplete lddw", ""},
		{"unresolved call", isa.V0, func(*testing.T) isa.Program { return program(isa.Insn{Op: isa.OpCall, Src: 1, Imm: -1}, exit) },
			nil, "at insn 0: unresolved call (imm -1 without a syscall relocation)", ""},
		{"call outside the program", isa.V3, func(*testing.T) isa.Program { return program(isa.Insn{Op: isa.OpCall, Src: 1, Imm: 9}, exit) },
			nil, "at insn 0: call to insn 10, outside the program", ""},
		{"call into a function body", isa.V3, func(*testing.T) isa.Program {
			return program(isa.Insn{Op: isa.OpCall, Src: 1, Imm: 1}, exit, mov0, exit)
		}, nil, "at insn 0: call to insn 2, which is not the start of a function", ""},
		{"unknown syscall hash", isa.V3, func(*testing.T) isa.Program { return program(isa.Insn{Op: isa.OpCall, Imm: 0x1234}, exit) },
			nil, "at insn 0: syscall with unknown hash 0x00001234", ""},
		{"unknown syscall name", isa.V0, func(*testing.T) isa.Program { return program(isa.Insn{Op: isa.OpCall, Imm: -1}, exit) },
			map[int]string{0: "sol_frobnicate"}, "at insn 0: call to `sol_frobnicate`, which is not a Solana syscall", ""},
		{"callx register", isa.V3, func(*testing.T) isa.Program { return program(isa.Insn{Op: isa.OpCallx, Dst: 10}, exit) },
			nil, "at insn 0: callx through invalid register 10", ""},
		{"shift overflow", isa.V0, func(*testing.T) isa.Program { return program(isa.Insn{Op: 0x67, Dst: 1, Imm: 64}, exit) },
			nil, "at insn 0: shift by 64 of a 64-bit value", ""},
		{"division by zero", isa.V0, func(*testing.T) isa.Program { return program(isa.Insn{Op: 0x37, Dst: 1}, exit) },
			nil, "at insn 0: division by the constant 0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text(t)
			err := verify.Check(verify.Input{
				Version: tt.version, Text: text, Syscalls: tt.syscalls,
				FuncStarts: map[int]bool{0: true},
				FuncAt:     func(int) string { return tt.fn },
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestReportIsBounded(t *testing.T) {
	var insns []isa.Insn
	for i := 0; i < 30; i++ {
		insns = append(insns, isa.Insn{Op: 0x04, Dst: 1, Imm: 1})
	}
	err := verify.Check(verify.Input{Version: isa.V0, Text: program(append(insns, exit)...)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "... and 10 more")
}
