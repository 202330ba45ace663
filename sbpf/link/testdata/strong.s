# The strong helper: returns 2.
	.section .text.helper,"ax",@progbits
	.globl helper
	.type helper,@function
helper:
	r0 = 2
	r0 += 0
	exit
.Lend0:
	.size helper, .Lend0-helper
