# Every relocation llc emits for programs: lddw of data (R_BPF_64_64 against
# a section symbol with an addend), a syscall and an internal call
# (R_BPF_64_32), a function pointer (lddw of code, then callx), pointers in
# .data.rel.ro (R_BPF_64_ABS64), and debug info (R_BPF_64_ABS32, dropped).
	.section .text.entrypoint,"ax",@progbits
	.globl entrypoint
	.type entrypoint,@function
entrypoint:
	r1 = msg ll
	r2 = 5
	call sol_log_
	call helper
	r1 = helper ll
	callx r1
	r1 = tab ll
	r0 = 0
	exit
.Lend0:
	.size entrypoint, .Lend0-entrypoint

	.section .text.helper,"ax",@progbits
	.type helper,@function
helper:
	r0 = 1
	call helper_tail
	exit
.Lend1:
	.size helper, .Lend1-helper
	.type helper_tail,@function
helper_tail:
	r0 += 1
	exit
.Lend2:
	.size helper_tail, .Lend2-helper_tail

	.section .text.unused,"ax",@progbits
	.globl unused
	.type unused,@function
unused:
	r1 = unused_data ll
	call sol_sha256
	exit
.Lend3:
	.size unused, .Lend3-unused

	.section .rodata.msg,"a",@progbits
msg:
	.ascii "hello"

	.section .rodata.unused_data,"a",@progbits
unused_data:
	.ascii "never linked"

	.section .data.rel.ro.tab,"aw",@progbits
	.p2align 3
tab:
	.quad msg+2
	.quad helper_tail

	.section .debug_info,"",@progbits
	.long msg
