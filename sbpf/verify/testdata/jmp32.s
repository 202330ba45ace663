# What -mcpu=v3 emits for a 32-bit comparison: a JMP32 instruction.
f:
	if w1 > 3 goto .Lout
	r0 = 1
.Lout:
	exit
