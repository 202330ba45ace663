; Operations the BPF backend cannot lower without libcalls.
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "bpfel"

declare { i64, i1 } @llvm.umul.with.overflow.i64(i64, i64)

define internal i64 @_ZN4demo11checked_mul17h0123456789abcdefE(i64 %a, i64 %b) noinline {
  %p = call { i64, i1 } @llvm.umul.with.overflow.i64(i64 %a, i64 %b)
  %v = extractvalue { i64, i1 } %p, 0
  %o = extractvalue { i64, i1 } %p, 1
  %r = select i1 %o, i64 0, i64 %v
  ret i64 %r
}

define internal i64 @_ZN4demo5ratio17h0123456789abcdefE(i64 %a, i64 %b) noinline {
  %r = sdiv i64 %a, %b
  ret i64 %r
}

define internal i64 @_ZN4demo4wide17h0123456789abcdefE(i64 %a, i64 %b) noinline {
  %x = zext i64 %a to i128
  %hi = shl i128 %x, 64
  %y = zext i64 %b to i128
  %n = or i128 %hi, %y
  %d = udiv i128 %n, %y
  %r = trunc i128 %d to i64
  ret i64 %r
}

define internal i64 @_ZN4demo5float17h0123456789abcdefE(i64 %a) noinline {
  %x = uitofp i64 %a to double
  %r = fptoui double %x to i64
  ret i64 %r
}

define i64 @entrypoint(ptr %input) {
  %a = load i64, ptr %input
  %b = call i64 @_ZN4demo11checked_mul17h0123456789abcdefE(i64 %a, i64 %a)
  %c = call i64 @_ZN4demo5ratio17h0123456789abcdefE(i64 %b, i64 %a)
  %d = call i64 @_ZN4demo4wide17h0123456789abcdefE(i64 %c, i64 %a)
  %e = call i64 @_ZN4demo5float17h0123456789abcdefE(i64 %d)
  ret i64 %e
}
