# A security.txt section nothing refers to is kept (explorers read it), unlike
# other unreferenced data.
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	r0 = 0
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint

	.section .security.txt,"a",@progbits
security_txt:
	.ascii "=======BEGIN SECURITY.TXT V1=======\000name\000fixture\000=======END SECURITY.TXT V1=======\000"

	.section .rodata.unused,"a",@progbits
unused:
	.ascii "never linked"
