# A static mut: the entrypoint loads the address of a .data variable.
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	r1 = COUNTER ll
	r0 = *(u64 *)(r1 + 0)
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint

	.section .data.COUNTER,"aw",@progbits
	.p2align 3
	.type COUNTER,@object
COUNTER:
	.quad 7
	.size COUNTER, 8
