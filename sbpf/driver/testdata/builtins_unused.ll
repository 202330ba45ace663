target triple = "bpfel"
declare i64 @undefined_elsewhere(i64)
define weak i64 @unused_builtin(i64 %x) {
  %r = call i64 @undefined_elsewhere(i64 %x)
  ret i64 %r
}
