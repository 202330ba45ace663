package bitcode

import (
	"bufio"
	"context"
	"regexp"
	"strings"
)

// Diagnostic is one llc error about a function.
type Diagnostic struct {
	Function string // mangled name
	Message  string
}

var llcError = regexp.MustCompile(`error: [^:]*:\d+:\d+: in function (\S+) [^:]*: (.*)$`)

// ParseDiagnostics extracts per-function errors from llc's stderr, dropping
// the follow-on "only small returns supported" of a function that already
// has a better message, and duplicates.
func ParseDiagnostics(stderr string) []Diagnostic {
	var all []Diagnostic
	seen := map[Diagnostic]bool{}
	hasPrimary := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(stderr))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := llcError.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		d := Diagnostic{Function: m[1], Message: strings.TrimSpace(m[2])}
		if seen[d] {
			continue
		}
		seen[d] = true
		if !strings.Contains(d.Message, "only small returns") {
			hasPrimary[d.Function] = true
		}
		all = append(all, d)
	}
	var out []Diagnostic
	for _, d := range all {
		if strings.Contains(d.Message, "only small returns") && hasPrimary[d.Function] {
			continue
		}
		out = append(out, d)
	}
	return out
}

var builtinCall = regexp.MustCompile(`built-in function '([^']+)'`)

// advice explains a diagnostic; usesOverflow says the function calls
// llvm.umul.with.overflow.i64 (what u64::checked_mul lowers to).
func (d Diagnostic) advice(usesOverflow bool) string {
	if strings.Contains(d.Message, "unsupported signed division") {
		return "signed division or remainder (i64/i32 `/` or `%`) is not supported below eBPF v4, and v4's sdiv means unsigned division in SBPF: divide the magnitudes as u64 and apply the sign"
	}
	if strings.Contains(d.Message, "only small returns") {
		return "returns a value wider than 64 bits (u128/i128 or a large struct by value): return through a pointer or split into u64s"
	}
	m := builtinCall.FindStringSubmatch(d.Message)
	if m == nil {
		return d.Message
	}
	switch fn := m[1]; {
	case fn == "__multi3" && usesOverflow:
		return "u64::checked_mul / overflowing_mul lower to llvm.umul.with.overflow.i64, a 128-bit multiply SBPF cannot do: use ionet_sdk::math::checked_mul (or mul_div for a*b/c)"
	case fn == "__multi3":
		return "128-bit multiply (u128/i128 `*`, or a u64 widening multiply): use ionet_sdk::math::checked_mul or mul_div"
	case strings.HasSuffix(fn, "ti3") || strings.HasSuffix(fn, "ti4"):
		return "128-bit division or remainder (" + fn + "): use ionet_sdk::math::mul_div or u64 arithmetic"
	case strings.Contains(fn, "sf") || strings.Contains(fn, "df") || strings.Contains(fn, "tf") || strings.HasPrefix(fn, "__float") || strings.HasPrefix(fn, "__fix"):
		return "floating-point arithmetic (" + fn + ") is not supported on SBPF: use integers or fixed point"
	case fn == "memcpy" || fn == "memmove" || fn == "memset":
		return "a " + fn + " the linker did not rewrite into a syscall (please report this with the crate)"
	default:
		return "needs the compiler helper " + fn + ", which the BPF backend cannot call: avoid the operation"
	}
}

// functionsUsing returns the functions of the IR module whose body contains
// needle.
func functionsUsing(ir, needle string) map[string]bool {
	out := map[string]bool{}
	current := ""
	for _, line := range strings.Split(ir, "\n") {
		switch {
		case strings.HasPrefix(line, "define "):
			current = definedName(line)
		case line == "}":
			current = ""
		case current != "" && strings.Contains(line, needle):
			out[current] = true
		}
	}
	return out
}

var defineName = regexp.MustCompile(`@("[^"]+"|[-a-zA-Z$._0-9]+)\(`)

func definedName(line string) string {
	m := defineName.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	return strings.Trim(m[1], `"`)
}

var rustHash = regexp.MustCompile(`::h[0-9a-f]{16}$`)

// Demangle renders Rust symbol names (legacy and v0 manglings) with
// llvm-cxxfilt, dropping the trailing hash; names it cannot decode, or all
// of them when the tool is missing, come back unchanged.
func Demangle(ctx context.Context, t Tools, names []string) []string {
	out := append([]string(nil), names...)
	if len(names) == 0 {
		return out
	}
	res, err := t.Run(ctx, "llvm-cxxfilt", names...)
	if err != nil {
		return out
	}
	lines := strings.Split(strings.TrimRight(string(res), "\n"), "\n")
	if len(lines) != len(names) {
		return out
	}
	for i, l := range lines {
		out[i] = rustHash.ReplaceAllString(strings.TrimSpace(l), "")
	}
	return out
}

// Demangler returns a cached single-name demangler for link messages.
func Demangler(ctx context.Context, t Tools) func(string) string {
	cache := map[string]string{}
	return func(s string) string {
		if v, ok := cache[s]; ok {
			return v
		}
		v := Demangle(ctx, t, []string{s})[0]
		cache[s] = v
		return v
	}
}
