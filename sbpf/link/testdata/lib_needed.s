	.section .text.needed,"ax",@progbits
	.globl needed
	.type needed,@function
needed:
	r0 = 42
	exit
.Lend0:
	.size needed, .Lend0-needed
