package isa

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	tests := []struct {
		insn  Insn
		bytes []byte
	}{
		{Insn{Op: OpCall, Src: CallSrcInternal, Imm: -1}, []byte{0x85, 0x10, 0, 0, 0xff, 0xff, 0xff, 0xff}},
		{Insn{Op: 0x7b, Dst: 10, Src: 1, Off: -8}, []byte{0x7b, 0x1a, 0xf8, 0xff, 0, 0, 0, 0}},
		{Insn{Op: OpCallx, Dst: 4}, []byte{0x8d, 0x04, 0, 0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.insn.String(), func(t *testing.T) {
			b := make([]byte, Size)
			tt.insn.Encode(b)
			assert.Equal(t, tt.bytes, b)
			assert.Equal(t, tt.insn, Decode(b))
		})
	}
}

func TestClassification(t *testing.T) {
	tests := []struct {
		insn  Insn
		class uint8
		jump  bool
	}{
		{Insn{Op: OpJa}, ClassJMP, true},
		{Insn{Op: 0x2e}, ClassJMP32, true},
		{Insn{Op: OpCall}, ClassJMP, false},
		{Insn{Op: OpExit}, ClassJMP, false},
		{Insn{Op: 0x07}, ClassALU64, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.class, tt.insn.Class(), tt.insn.String())
		assert.Equal(t, tt.jump, tt.insn.IsJump(), tt.insn.String())
	}
}

func TestLddwImmediate(t *testing.T) {
	p := make(Program, 2*Size)
	p.Set(0, Insn{Op: OpLddw, Dst: 1})
	p.SetLddwImm(0, 0x1_0000_00f0)
	assert.Equal(t, uint64(0x1_0000_00f0), p.LddwImm(0))
	assert.Equal(t, int32(0xf0), p.At(0).Imm)
	assert.Equal(t, int32(1), p.At(1).Imm)
	assert.Equal(t, 2, p.Len())
}
