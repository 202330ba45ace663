# Pulling this member would fail the link: it needs an undefined symbol.
	.section .text.unneeded,"ax",@progbits
	.globl unneeded
	.type unneeded,@function
unneeded:
	call does_not_exist
	exit
.Lend0:
	.size unneeded, .Lend0-unneeded
