# What -mcpu=v4 emits for i64 division: sdiv, an ALU op with offset 1.
f:
	r1 s/= r2
	r0 = r1
	exit
