# What +alu32 emits: a 32-bit add, sign-extended by SBPF.
f:
	w1 += 1
	r0 = r1
	exit
