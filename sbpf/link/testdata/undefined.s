# Calls a function no input defines and that is not a syscall.
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	call missing_fn
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint
