; A crate: logs through a syscall, copies a variable length (sol_memcpy_)
; and calls `helper_from_builtins`, defined in a compiler_builtins member.
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "bpfel"

@msg = private constant [5 x i8] c"hello"

declare void @sol_log_(ptr, i64)
declare i64 @helper_from_builtins(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define i64 @entrypoint(ptr %input) {
  call void @sol_log_(ptr @msg, i64 5)
  %n = load i64, ptr %input
  %dst = getelementptr i8, ptr %input, i64 64
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %input, i64 %n, i1 false)
  %r = call i64 @helper_from_builtins(i64 %n)
  ret i64 %r
}
