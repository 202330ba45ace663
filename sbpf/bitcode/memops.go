package bitcode

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// llc expands llvm.memcpy/memmove/memset inline only up to a size limit and
// otherwise emits a libcall, which the BPF backend rejects ("A call to
// built-in function 'memcpy' is not supported"): so mapping undefined
// memcpy symbols at the ELF stage is not enough, the IR must change first.
// Measured with llc 22 -mcpu=v2 (see TestInlineLimitMatchesLLC; with misaligned
// accesses allowed llc expands a little more at alignment 1, so the rule
// below is then slightly conservative, never too lenient):
//   - memcpy and memset of a constant length are inline while
//     len/8 + popcount(len%8) <= 128 (llc accepts a few more for memcpy);
//   - memmove loads everything before storing, so llc spills to the stack:
//     at 72 units it already overflows the default 512-byte frame. The
//     linker keeps memmove inline only up to 16 units of its alignment
//     (at most 8 bytes), where the sol_memmove_ syscall is no dearer;
//   - a non-constant length never is inline.
//
// Everything else becomes a call to the matching syscall.
const (
	maxInlineCopyOps = 128
	maxInlineMoveOps = 16
)

// inlineOps estimates how many load/store pairs llc needs for len bytes in
// units of unit bytes (the remainder is split into power-of-two pieces).
func inlineOps(length, unit uint64) uint64 {
	rest := length % unit
	ops := length / unit
	for ; rest > 0; rest &= rest - 1 {
		ops++
	}
	return ops
}

// Expandable reports whether llc expands the intrinsic inline.
func Expandable(op string, length uint64, align uint64) bool {
	if op == "memmove" {
		return inlineOps(length, min(max(align, 1), 8)) <= maxInlineMoveOps
	}
	return inlineOps(length, 8) <= maxInlineCopyOps
}

var (
	memIntrinsic = regexp.MustCompile(`call void @llvm\.(memcpy|memmove|memset)\.p0(?:\.p0)?\.i64\(`)
	alignAttr    = regexp.MustCompile(`\balign (\d+)\b`)
	constInt     = regexp.MustCompile(`^i64 (-?\d+)$`)
)

var syscallFor = map[string]string{
	"memcpy":  "sol_memcpy_",
	"memmove": "sol_memmove_",
	"memset":  "sol_memset_",
}

// RewriteMemOps replaces the memory intrinsics llc cannot expand with calls
// to sol_memcpy_(dst, src, n), sol_memmove_(dst, src, n) and
// sol_memset_(dst, byte, n), adding their declarations. It returns the new
// module text and how many calls it rewrote.
func RewriteMemOps(ir string) (string, int, error) {
	lines := strings.Split(ir, "\n")
	count := 0
	used := map[string]bool{}
	for i, line := range lines {
		loc := memIntrinsic.FindStringSubmatchIndex(line)
		if loc == nil {
			continue
		}
		op := line[loc[2]:loc[3]]
		argsStart := loc[1]
		argsEnd, err := closingParen(line, argsStart)
		if err != nil {
			return "", 0, fmt.Errorf("line %d: %w", i+1, err)
		}
		args := splitTopLevel(line[argsStart:argsEnd])
		if len(args) != 4 {
			return "", 0, fmt.Errorf("line %d: %s call with %d arguments, want 4", i+1, op, len(args))
		}
		if !mustCall(op, args) {
			continue
		}
		name := syscallFor[op]
		used[name] = true
		call := "call void @" + name + "(" + strings.Join(args[:3], ", ") + ")"
		lines[i] = line[:loc[0]] + call + line[argsEnd+1:]
		count++
	}
	if count == 0 {
		return ir, 0, nil
	}
	out := strings.Join(lines, "\n")
	for _, name := range []string{"sol_memcpy_", "sol_memmove_", "sol_memset_"} {
		if !used[name] {
			continue
		}
		if strings.Contains(out, "declare") && regexp.MustCompile(`(?m)^declare .*@`+name+`\(`).MatchString(out) {
			if !regexp.MustCompile(`(?m)^declare (?:[a-z_]+ )*void @` + name + `\(`).MatchString(out) {
				return "", 0, fmt.Errorf("the program declares %s with a non-void return type; declare it as returning nothing", name)
			}
			continue
		}
		decl := "declare void @" + name + "(ptr, ptr, i64)"
		if name == "sol_memset_" {
			decl = "declare void @sol_memset_(ptr, i8, i64)"
		}
		out += "\n" + decl + "\n"
	}
	return out, count, nil
}

// mustCall decides whether an intrinsic call must become a syscall.
func mustCall(op string, args []string) bool {
	m := constInt.FindStringSubmatch(strings.TrimSpace(args[2]))
	if m == nil {
		return true
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || n < 0 {
		return true
	}
	align := uint64(0)
	ptrs := args[:2]
	if op == "memset" {
		ptrs = args[:1]
	}
	for _, a := range ptrs {
		v := uint64(1)
		if am := alignAttr.FindStringSubmatch(a); am != nil {
			v, _ = strconv.ParseUint(am[1], 10, 64)
		}
		if align == 0 || v < align {
			align = v
		}
	}
	return !Expandable(op, uint64(n), align)
}

// closingParen finds the parenthesis closing the one opened before start.
func closingParen(s string, start int) (int, error) {
	depth := 1
	for i := start; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("unbalanced parentheses in %q", s)
}

// splitTopLevel splits an argument list on commas outside brackets.
func splitTopLevel(s string) []string {
	var out []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{', '<':
			depth++
		case ')', ']', '}', '>':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[last:i]))
				last = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[last:]))
}
