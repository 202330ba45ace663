# A weak helper that a strong definition elsewhere overrides.
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	call helper
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint

	.section .text.helper,"ax",@progbits
	.weak helper
	.type helper,@function
helper:
	r0 = 1
	exit
.Lend1:
	.size helper, .Lend1-helper
