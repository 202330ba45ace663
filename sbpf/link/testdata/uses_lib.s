# Needs `needed` from an archive.
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	call needed
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint
