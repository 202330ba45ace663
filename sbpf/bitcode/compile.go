package bitcode

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// KeepSymbols survive internalize: the entrypoint and the memory functions
// (a program may define its own).
var KeepSymbols = []string{"entrypoint", "memcpy", "memmove", "memset", "memcmp"}

// llcArgs are the code generation flags for every object: eBPF v2 (no
// JMP32, no 32-bit ALU results that SBPF would sign-extend), misaligned
// loads and stores (SBPF's VM allows any address; without it every access
// LLVM cannot prove aligned, such as a 32-byte key or a u64 read from bytes,
// is split into byte loads, shifts and ors: a third of the compute units of
// a typical instruction), SBPF's 4 KiB frames, and one section per function
// and datum so the linker can drop what the entrypoint does not reach.
var llcArgs = []string{
	"-march=bpfel", "-mcpu=v2", "-mattr=+allows-misaligned-mem-access",
	"-bpf-stack-size=4096", "-filetype=obj", "-function-sections", "-data-sections",
}

// Compiler runs the bitcode steps in a scratch directory.
type Compiler struct {
	Tools Tools
	Dir   string // scratch directory, owned by the caller
	Log   *slog.Logger
}

// Compile links the crate's bitcode with library bitcode, optimises it,
// rewrites memory intrinsics and compiles it to a BPF object, returning the
// object's path.
//
// Libraries are linked whole rather than with --only-needed: llvm-link
// applies --only-needed in command-line order, so a library referring back
// to an earlier one would miss symbols; internalize + globaldce then drop
// everything the entrypoint does not use before O3 runs.
func (c *Compiler) Compile(ctx context.Context, crate, libs []string) (string, error) {
	if len(crate) == 0 {
		return "", errors.New("no crate bitcode among the inputs: rustc passes the crate as <crate>.<hash>-cgu.N.rcgu.o")
	}
	linked := filepath.Join(c.Dir, "linked.bc")
	args := append(append(append([]string{}, crate...), libs...), "-o", linked)
	if _, err := c.Tools.Run(ctx, "llvm-link", args...); err != nil {
		return "", fmt.Errorf("linking bitcode: %w", err)
	}
	optimised := filepath.Join(c.Dir, "opt.ll")
	if _, err := c.Tools.Run(ctx, "opt", "-S",
		"-passes=internalize,globaldce,default<O3>",
		"-internalize-public-api-list="+strings.Join(KeepSymbols, ","),
		linked, "-o", optimised); err != nil {
		return "", fmt.Errorf("optimising bitcode: %w", err)
	}
	ir, err := os.ReadFile(optimised)
	if err != nil {
		return "", fmt.Errorf("reading optimised IR: %w", err)
	}
	rewritten, n, err := RewriteMemOps(string(ir))
	if err != nil {
		return "", fmt.Errorf("rewriting memory intrinsics: %w", err)
	}
	c.Log.Debug("rewrote memory intrinsics into syscalls", "calls", n)
	final := filepath.Join(c.Dir, "final.ll")
	if err := os.WriteFile(final, []byte(rewritten), 0o600); err != nil {
		return "", fmt.Errorf("writing rewritten IR: %w", err)
	}
	obj := filepath.Join(c.Dir, "program.o")
	if _, err := c.Tools.Run(ctx, "llc", append(append([]string{}, llcArgs...), final, "-o", obj)...); err != nil {
		return "", c.explain(ctx, err, string(ir))
	}
	return obj, nil
}

// CompileMember compiles one library bitcode member (compiler_builtins) to
// a BPF object on its own: it must not be optimised together with the
// program, or O3 could turn its memcpy loop back into a memcpy call.
func (c *Compiler) CompileMember(ctx context.Context, name string, data []byte) ([]byte, error) {
	base := filepath.Join(c.Dir, "member-"+sanitize(name))
	if err := os.WriteFile(base+".bc", data, 0o600); err != nil {
		return nil, fmt.Errorf("writing member %s: %w", name, err)
	}
	if _, err := c.Tools.Run(ctx, "llc", append(append([]string{}, llcArgs...), base+".bc", "-o", base+".o")...); err != nil {
		return nil, c.explain(ctx, err, "")
	}
	out, err := os.ReadFile(base + ".o")
	if err != nil {
		return nil, fmt.Errorf("reading compiled member %s: %w", name, err)
	}
	return out, nil
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

// explain turns llc's diagnostics into errors naming the Rust function and
// what to use instead; other failures pass through.
func (c *Compiler) explain(ctx context.Context, err error, ir string) error {
	var te *ToolError
	if !errors.As(err, &te) {
		return err
	}
	diags := ParseDiagnostics(te.Stderr)
	if len(diags) == 0 {
		return fmt.Errorf("compiling to BPF: %w", err)
	}
	names := make([]string, 0, len(diags))
	for _, d := range diags {
		names = append(names, d.Function)
	}
	demangled := Demangle(ctx, c.Tools, names)
	overflow := functionsUsing(ir, "@llvm.umul.with.overflow.i64")
	var msgs []string
	for i, d := range diags {
		msgs = append(msgs, fmt.Sprintf("in function `%s`: %s", demangled[i], d.advice(overflow[d.Function])))
	}
	return errors.New("the program uses operations SBPF cannot run:\n  " + strings.Join(msgs, "\n  "))
}
