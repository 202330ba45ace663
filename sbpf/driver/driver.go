package driver

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ionet-oss/ionet/sbpf/archive"
	"github.com/ionet-oss/ionet/sbpf/bitcode"
	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/emit"
	"github.com/ionet-oss/ionet/sbpf/isa"
	"github.com/ionet-oss/ionet/sbpf/link"
	"github.com/ionet-oss/ionet/sbpf/syscall"
	"github.com/ionet-oss/ionet/sbpf/verify"
)

// Result describes what a run wrote.
type Result struct {
	Files    map[string]int // path -> size in bytes
	Insns    int
	Rodata   int
	Syscalls []string
}

// inputs sorts the command line's files by kind.
type inputs struct {
	elf      []*elfobj.Object   // ELF objects (symbols.o, prebuilt objects)
	crate    []string           // bitcode files of the crate being linked
	libs     []string           // bitcode members of dependency rlibs, extracted
	archives []*archive.Archive // archives searched at the ELF stage
}

// Run links according to args, using dir for scratch files.
func Run(ctx context.Context, args *Args, tools bitcode.Tools, dir string, log *slog.Logger) (*Result, error) {
	start := time.Now()
	comp := &bitcode.Compiler{Tools: tools, Dir: dir, Log: log}
	in, err := classify(args.Inputs, dir)
	if err != nil {
		return nil, err
	}
	if len(in.crate) > 0 || len(in.libs) > 0 {
		objPath, err := comp.Compile(ctx, in.crate, in.libs)
		if err != nil {
			return nil, err
		}
		obj, err := readObject(objPath, "the compiled program")
		if err != nil {
			return nil, err
		}
		in.elf = append([]*elfobj.Object{obj}, in.elf...)
		log.Debug("compiled bitcode", "crate", len(in.crate), "libraries", len(in.libs), "took", time.Since(start))
	}
	demangle := bitcode.Demangler(ctx, tools)
	im, err := link.Link(ctx, in.elf, in.archives, link.Options{
		Entry:     "entrypoint",
		IsSyscall: syscall.Known,
		Demangle:  demangle,
		LoadMember: func(ctx context.Context, a *archive.Archive, m archive.Member) (*elfobj.Object, error) {
			name := filepath.Base(a.Path) + "(" + m.Name + ")"
			switch {
			case elfobj.IsELF(m.Data):
				return elfobj.Parse(name, m.Data)
			case bitcode.IsBitcode(m.Data):
				data, err := comp.CompileMember(ctx, m.Name, m.Data)
				if err != nil {
					return nil, err
				}
				return elfobj.Parse(name, data)
			}
			return nil, nil
		},
	})
	if err != nil {
		return nil, fmt.Errorf("link: %w", err)
	}
	log.Debug("linked", "insns", im.Text.Len(), "rodata", len(im.Rodata), "functions", len(im.Funcs), "took", time.Since(start))
	versions := []struct {
		v    isa.Version
		path string
	}{{isa.V3, args.Output}}
	if args.EmitV0 {
		versions = append(versions, struct {
			v    isa.Version
			path string
		}{isa.V0, V0Path(args.Output)})
	}
	res := &Result{Files: map[string]int{}, Insns: im.Text.Len(), Rodata: len(im.Rodata), Syscalls: im.Syscalls()}
	for _, out := range versions {
		data, err := Encode(im, out.v, demangle)
		if err != nil {
			return nil, err
		}
		if err := writeFile(out.path, data); err != nil {
			return nil, err
		}
		res.Files[out.path] = len(data)
		log.Debug("wrote program", "version", out.v.String(), "path", out.path, "bytes", len(data))
	}
	return res, nil
}

// Encode writes im as an SBPF ELF of version v after verifying the final
// bytecode; demangle renders function names in errors.
func Encode(im *link.Image, v isa.Version, demangle func(string) string) ([]byte, error) {
	p, err := emit.Build(im, v)
	if err != nil {
		return nil, fmt.Errorf("%v: %w", v, err)
	}
	sites := map[int]string{}
	for _, s := range p.Syscalls {
		sites[s.Slot] = s.Name
	}
	starts := map[int]bool{}
	for _, f := range im.Funcs {
		starts[f.Start] = true
	}
	named := func(slot int) string {
		if f := im.FuncAt(slot); f != "" {
			return demangle(f)
		}
		return ""
	}
	if err := verify.Check(verify.Input{Version: v, Text: p.Text, Syscalls: sites, FuncStarts: starts, FuncAt: named}); err != nil {
		return nil, fmt.Errorf("verifying %v output:\n%w", v, err)
	}
	return p.ELF(), nil
}

func readObject(path, what string) (*elfobj.Object, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	return elfobj.Parse(filepath.Base(path), data)
}

// classify reads every input: ELF objects link directly, bitcode files are
// the crate, rlibs' bitcode members join the bitcode link, and archives of
// ELF objects plus compiler_builtins are searched only for needed symbols.
func classify(paths []string, dir string) (*inputs, error) {
	in := &inputs{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("reading input: %w", err)
		}
		switch {
		case elfobj.IsELF(data):
			obj, err := elfobj.Parse(filepath.Base(p), data)
			if err != nil {
				return nil, err
			}
			in.elf = append(in.elf, obj)
		case bitcode.IsBitcode(data):
			in.crate = append(in.crate, p)
		case archive.IsArchive(data):
			a, err := archive.Parse(p, data)
			if err != nil {
				return nil, err
			}
			if isBuiltins(p) || !hasBitcode(a) {
				in.archives = append(in.archives, a)
				continue
			}
			for i, m := range a.Members {
				if !bitcode.IsBitcode(m.Data) {
					continue
				}
				name := filepath.Join(dir, fmt.Sprintf("lib%d-%d.bc", len(in.libs), i))
				if err := os.WriteFile(name, m.Data, 0o600); err != nil {
					return nil, fmt.Errorf("extracting %s(%s): %w", p, m.Name, err)
				}
				in.libs = append(in.libs, name)
			}
		default:
			return nil, fmt.Errorf("input %s is neither an ELF object, LLVM bitcode nor an archive", p)
		}
	}
	return in, nil
}

// isBuiltins recognises compiler_builtins, whose members are compiled on
// their own and only when a symbol needs them (see bitcode.CompileMember).
func isBuiltins(path string) bool {
	return strings.HasPrefix(filepath.Base(path), "libcompiler_builtins-")
}

func hasBitcode(a *archive.Archive) bool {
	for _, m := range a.Members {
		if bitcode.IsBitcode(m.Data) {
			return true
		}
	}
	return false
}

// writeFile replaces path atomically so a failed link leaves no partial file.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sbpf-link-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
