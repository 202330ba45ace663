# A 32-bit absolute address in loaded data cannot hold an SBPF address.
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	r1 = table ll
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint

	.section .rodata.table,"a",@progbits
table:
	.long entrypoint
