; Memory intrinsics: variable lengths must become syscalls, small constant
; ones stay inline.
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "bpfel"

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define i64 @entrypoint(ptr %input) {
  %n = load i64, ptr %input
  %dst = getelementptr i8, ptr %input, i64 64
  %src = getelementptr i8, ptr %input, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %dst, ptr align 1 %src, i64 %n, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr align 1 %dst, ptr align 1 %src, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr align 8 %dst, i8 0, i64 5000, i1 false)
  call void @llvm.memset.p0.i64(ptr align 8 %dst, i8 7, i64 16, i1 false)
  ret i64 0
}
