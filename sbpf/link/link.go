// Package link resolves symbols across BPF relocatable objects and archives,
// keeps only the sections reachable from the entrypoint and lays them out
// into a version-independent Image.
package link

import (
	"context"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ionet-oss/ionet/sbpf/archive"
	"github.com/ionet-oss/ionet/sbpf/elfobj"
	"github.com/ionet-oss/ionet/sbpf/isa"
)

// MemberLoader turns an archive member into an object. It returns nil, nil
// for members that hold no code (for example an rlib's lib.rmeta).
type MemberLoader func(ctx context.Context, a *archive.Archive, m archive.Member) (*elfobj.Object, error)

// Options configure a link.
type Options struct {
	Entry      string            // root of the section GC, "entrypoint" if empty
	IsSyscall  func(string) bool // undefined call targets that are syscalls
	LoadMember MemberLoader      // nil: members must be ELF objects
	// Demangle renders a symbol for messages; identity if nil.
	Demangle func(string) string
}

// secKey identifies one input section.
type secKey struct {
	obj int
	sec int
}

type definition struct {
	obj int
	sym int
}

type linker struct {
	ctx      context.Context
	opts     Options
	objs     []*elfobj.Object
	archives []*archive.Archive
	pulled   map[string]bool // "archive\x00member" already loaded
	defs     map[string]definition
	errs     []string
}

// Link links objs (always included) with members of archives pulled only for
// symbols that reachable code needs.
func Link(ctx context.Context, objs []*elfobj.Object, archives []*archive.Archive, opts Options) (*Image, error) {
	if opts.Entry == "" {
		opts.Entry = "entrypoint"
	}
	if opts.IsSyscall == nil {
		opts.IsSyscall = func(string) bool { return false }
	}
	if opts.Demangle == nil {
		opts.Demangle = func(s string) string { return s }
	}
	if opts.LoadMember == nil {
		opts.LoadMember = loadELFMember
	}
	l := &linker{ctx: ctx, opts: opts, archives: archives, pulled: map[string]bool{}, defs: map[string]definition{}}
	for _, o := range objs {
		if err := l.add(o); err != nil {
			return nil, err
		}
	}
	reach, err := l.gc()
	if err != nil {
		return nil, err
	}
	return l.layout(reach)
}

func loadELFMember(_ context.Context, a *archive.Archive, m archive.Member) (*elfobj.Object, error) {
	if !elfobj.IsELF(m.Data) {
		return nil, nil
	}
	return elfobj.Parse(a.Path+"("+m.Name+")", m.Data)
}

// add includes an object and defines its global symbols: a strong
// definition replaces a weak one; two strong definitions are an error.
func (l *linker) add(o *elfobj.Object) error {
	idx := len(l.objs)
	l.objs = append(l.objs, o)
	for i, s := range o.Symbols {
		if i == 0 || s.Bind == elf.STB_LOCAL || !s.Defined() || s.Name == "" {
			continue
		}
		prev, ok := l.defs[s.Name]
		if !ok {
			l.defs[s.Name] = definition{idx, i}
			continue
		}
		prevSym := l.objs[prev.obj].Symbols[prev.sym]
		switch {
		case prevSym.Bind != elf.STB_WEAK && s.Bind != elf.STB_WEAK:
			return fmt.Errorf("duplicate symbol `%s`: defined in %s and in %s",
				l.opts.Demangle(s.Name), l.objs[prev.obj].Name, o.Name)
		case prevSym.Bind == elf.STB_WEAK && s.Bind != elf.STB_WEAK:
			l.defs[s.Name] = definition{idx, i}
		}
	}
	return nil
}

// pull loads the first archive member defining name; false if none does.
func (l *linker) pull(name string) (bool, error) {
	for _, a := range l.archives {
		mi, ok := a.Symbols[name]
		if !ok {
			continue
		}
		m := a.Members[mi]
		key := a.Path + "\x00" + m.Name
		if l.pulled[key] {
			continue
		}
		l.pulled[key] = true
		o, err := l.opts.LoadMember(l.ctx, a, m)
		if err != nil {
			return false, fmt.Errorf("loading %s(%s) for `%s`: %w", a.Path, m.Name, name, err)
		}
		if o == nil {
			continue
		}
		if err := l.add(o); err != nil {
			return false, err
		}
		if _, ok := l.defs[name]; ok {
			return true, nil
		}
	}
	return false, nil
}

// target is where a relocation points.
type target struct {
	syscall string
	key     secKey
	value   uint64 // symbol value inside the section
	symType elf.SymType
}

func (l *linker) resolve(obj int, symIdx int) (target, error) {
	o := l.objs[obj]
	s := o.Symbols[symIdx]
	if s.Bind == elf.STB_LOCAL {
		if !s.Defined() {
			return target{}, fmt.Errorf("local symbol `%s` is not defined in a section", s.Name)
		}
		return target{key: secKey{obj, int(s.Section)}, value: s.Value, symType: s.Type}, nil
	}
	// Objects on the command line may define any name; archives are not
	// searched for syscalls, which the runtime provides.
	if _, ok := l.defs[s.Name]; !ok {
		if l.opts.IsSyscall(s.Name) {
			return target{syscall: s.Name}, nil
		}
		if _, err := l.pull(s.Name); err != nil {
			return target{}, err
		}
	}
	d, ok := l.defs[s.Name]
	if !ok {
		return target{}, errUndefined
	}
	ds := l.objs[d.obj].Symbols[d.sym]
	return target{key: secKey{d.obj, int(ds.Section)}, value: ds.Value, symType: ds.Type}, nil
}

var errUndefined = errors.New("undefined")

// where names the function (or section) holding a relocation, for messages.
func (l *linker) where(k secKey, off uint64) string {
	o := l.objs[k.obj]
	if f := o.FuncAt(k.sec, off); f != "" {
		return fmt.Sprintf("function `%s`", l.opts.Demangle(f))
	}
	return fmt.Sprintf("section %s of %s", o.Sections[k.sec].Name, o.Name)
}

// SecurityTxtSection is the section of a program's security.txt (the solana-security-txt
// format, `#[link_section = ".security.txt"]`): kept, in read-only data, unreferenced.
const SecurityTxtSection = ".security.txt"

// gc walks relocations from the entrypoint's section and returns the
// reachable sections. Sections nothing reachable refers to are dropped,
// debug info included.
func (l *linker) gc() (map[secKey]bool, error) {
	d, ok := l.defs[l.opts.Entry]
	if !ok {
		return nil, fmt.Errorf("entrypoint `%s` is not defined: declare `#[no_mangle] pub unsafe extern \"C\" fn %s(input: *mut u8) -> u64`",
			l.opts.Entry, l.opts.Entry)
	}
	entry := l.objs[d.obj].Symbols[d.sym]
	root := secKey{d.obj, int(entry.Section)}
	if !l.objs[d.obj].Sections[root.sec].Exec() {
		return nil, fmt.Errorf("entrypoint `%s` in %s is not in an executable section", l.opts.Entry, l.objs[d.obj].Name)
	}
	reach := map[secKey]bool{root: true}
	work := []secKey{root}
	// A program's security.txt is read by explorers, never by the program: kept though nothing
	// refers to it.
	for obj, o := range l.objs {
		for sec, s := range o.Sections {
			if s.Name == SecurityTxtSection && s.Alloc() && !s.Writable() && !s.Exec() {
				k := secKey{obj, sec}
				reach[k] = true
				work = append(work, k)
			}
		}
	}
	for len(work) > 0 {
		k := work[len(work)-1]
		work = work[:len(work)-1]
		sec := l.objs[k.obj].Sections[k.sec]
		for _, r := range sec.Relocs {
			t, err := l.resolve(k.obj, r.Sym)
			if err != nil {
				if errors.Is(err, errUndefined) {
					name := l.objs[k.obj].Symbols[r.Sym].Name
					l.errs = append(l.errs, fmt.Sprintf("undefined symbol `%s` referenced in %s (%s): it is neither defined nor a known Solana syscall",
						l.opts.Demangle(name), l.where(k, r.Offset), l.objs[k.obj].Name))
					continue
				}
				return nil, err
			}
			if t.syscall != "" {
				if r.Type != elfobj.R64_32 {
					l.errs = append(l.errs, fmt.Sprintf("%s takes the address of syscall `%s`: syscalls can only be called directly",
						l.where(k, r.Offset), t.syscall))
				}
				continue
			}
			ts := l.objs[t.key.obj].Sections[t.key.sec]
			if ts.Writable() {
				name := l.objs[k.obj].Symbols[r.Sym].Name
				if t.symType == elf.STT_SECTION {
					name = l.objs[t.key.obj].NameIn(t.key.sec)
				}
				if name == "" {
					name = ts.Name
				}
				l.errs = append(l.errs, fmt.Sprintf("%s uses writable data `%s` (section %s): SBPF programs have no writable globals (no static mut, atomics, .data or .bss); state lives in accounts",
					l.where(k, r.Offset), l.opts.Demangle(name), ts.Name))
				continue
			}
			if !ts.Alloc() {
				continue
			}
			if !reach[t.key] {
				reach[t.key] = true
				work = append(work, t.key)
			}
		}
	}
	if len(l.errs) > 0 {
		sort.Strings(l.errs)
		return nil, errors.New(strings.Join(l.errs, "\n"))
	}
	return reach, nil
}

// layout places reachable sections (input order), copies their bytes and
// turns relocations into calls and absolute-address references.
func (l *linker) layout(reach map[secKey]bool) (*Image, error) {
	keys := make([]secKey, 0, len(reach))
	for k := range reach {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].obj != keys[j].obj {
			return keys[i].obj < keys[j].obj
		}
		return keys[i].sec < keys[j].sec
	})
	im := &Image{}
	base := map[secKey]uint64{} // byte offset inside its region
	var text []byte
	for _, k := range keys {
		s := l.objs[k.obj].Sections[k.sec]
		if s.Exec() {
			if s.Size%isa.Size != 0 {
				return nil, fmt.Errorf("%s: code section %s is %d bytes, not a whole number of instructions", l.objs[k.obj].Name, s.Name, s.Size)
			}
			base[k] = uint64(len(text))
			text = append(text, s.Data...)
			continue
		}
		align := max(s.Align, 1)
		for uint64(len(im.Rodata))%align != 0 {
			im.Rodata = append(im.Rodata, 0)
		}
		base[k] = uint64(len(im.Rodata))
		if s.Data == nil {
			return nil, fmt.Errorf("%s: section %s has no contents", l.objs[k.obj].Name, s.Name)
		}
		im.Rodata = append(im.Rodata, s.Data...)
	}
	im.Text = isa.Program(text)
	relocated := map[int]bool{}
	for _, k := range keys {
		if err := l.relocate(im, k, base, relocated); err != nil {
			return nil, err
		}
	}
	if err := l.localCalls(im, keys, base, relocated); err != nil {
		return nil, err
	}
	for _, k := range keys {
		o := l.objs[k.obj]
		if !o.Sections[k.sec].Exec() {
			continue
		}
		for _, s := range o.Symbols {
			if int(s.Section) == k.sec && s.Type == elf.STT_FUNC && s.Defined() {
				start := int((base[k] + s.Value) / isa.Size)
				im.Funcs = append(im.Funcs, Func{Name: s.Name, Start: start, End: start + int(s.Size/isa.Size)})
			}
		}
	}
	sort.SliceStable(im.Funcs, func(i, j int) bool { return im.Funcs[i].Start < im.Funcs[j].Start })
	d := l.defs[l.opts.Entry]
	entry := l.objs[d.obj].Symbols[d.sym]
	im.Entry = int((base[secKey{d.obj, int(entry.Section)}] + entry.Value) / isa.Size)
	sort.Slice(im.Calls, func(i, j int) bool { return im.Calls[i].Slot < im.Calls[j].Slot })
	return im, nil
}

func (l *linker) region(k secKey) Region {
	if l.objs[k.obj].Sections[k.sec].Exec() {
		return RegionText
	}
	return RegionRodata
}

func (l *linker) relocate(im *Image, k secKey, base map[secKey]uint64, relocated map[int]bool) error {
	o := l.objs[k.obj]
	s := o.Sections[k.sec]
	fail := func(r elfobj.Reloc, format string, args ...any) error {
		return fmt.Errorf("%s, offset %#x of %s (%s): %s", l.where(k, r.Offset), r.Offset, s.Name, o.Name, fmt.Sprintf(format, args...))
	}
	for _, r := range s.Relocs {
		t, err := l.resolve(k.obj, r.Sym)
		if err != nil {
			return fail(r, "%v", err)
		}
		if s.Exec() {
			if r.Offset%isa.Size != 0 || r.Offset >= s.Size {
				return fail(r, "relocation is not on an instruction")
			}
			slot := int((base[k] + r.Offset) / isa.Size)
			insn := im.Text.At(slot)
			switch r.Type {
			case elfobj.R64_64:
				if insn.Op != isa.OpLddw || slot+1 >= im.Text.Len() {
					return fail(r, "R_BPF_64_64 on %s, want lddw", insn)
				}
				if t.syscall != "" {
					return fail(r, "lddw of syscall `%s`", t.syscall)
				}
				addend := im.Text.LddwImm(slot)
				im.Refs = append(im.Refs, Ref{Kind: RefLddw, At: slot, Region: l.region(t.key), Offset: base[t.key] + t.value + addend})
			case elfobj.R64_32:
				if insn.Op != isa.OpCall {
					return fail(r, "R_BPF_64_32 on %s, want call", insn)
				}
				relocated[slot] = true
				if t.syscall != "" {
					im.Calls = append(im.Calls, Call{Slot: slot, Syscall: t.syscall})
					continue
				}
				if l.region(t.key) != RegionText {
					return fail(r, "call to data in section %s", l.objs[t.key.obj].Sections[t.key.sec].Name)
				}
				off := t.value
				if t.symType == elf.STT_SECTION {
					// A call against a section symbol carries the callee's
					// slot in the section as imm+1 (llc writes imm = -1 for
					// a callee at the start of its section).
					off += uint64(int64(insn.Imm)+1) * isa.Size
				}
				if off%isa.Size != 0 {
					return fail(r, "call target offset %#x is not instruction-aligned", off)
				}
				im.Calls = append(im.Calls, Call{Slot: slot, Target: int((base[t.key] + off) / isa.Size)})
			default:
				return fail(r, "unsupported relocation type %d in code", r.Type)
			}
			continue
		}
		at := base[k] + r.Offset
		switch r.Type {
		case elfobj.RAbs64:
			if r.Offset+8 > s.Size {
				return fail(r, "R_BPF_64_ABS64 past the end of the section")
			}
			if t.syscall != "" {
				return fail(r, "address of syscall `%s` stored in data", t.syscall)
			}
			addend := binary.LittleEndian.Uint64(im.Rodata[at:])
			im.Refs = append(im.Refs, Ref{Kind: RefData64, At: int(at), Region: l.region(t.key), Offset: base[t.key] + t.value + addend})
		case elfobj.RAbs32:
			return fail(r, "R_BPF_64_ABS32 stores a 32-bit absolute address, which cannot hold an SBPF address; use a pointer-sized field")
		default:
			return fail(r, "unsupported relocation type %d in data", r.Type)
		}
	}
	return nil
}

// localCalls records calls llc already resolved inside one section (same
// section callee, pc-relative immediate, no relocation).
func (l *linker) localCalls(im *Image, keys []secKey, base map[secKey]uint64, relocated map[int]bool) error {
	for _, k := range keys {
		s := l.objs[k.obj].Sections[k.sec]
		if !s.Exec() {
			continue
		}
		first := int(base[k] / isa.Size)
		last := first + int(s.Size/isa.Size)
		for slot := first; slot < last; slot++ {
			insn := im.Text.At(slot)
			if insn.Op == isa.OpLddw {
				slot++
				continue
			}
			if insn.Op != isa.OpCall || relocated[slot] {
				continue
			}
			tgt := slot + 1 + int(insn.Imm)
			if insn.Imm == -1 || tgt < first || tgt >= last {
				return fmt.Errorf("%s (%s): call at offset %#x has no relocation and its target is outside section %s",
					l.where(k, uint64(slot-first)*isa.Size), l.objs[k.obj].Name, (slot-first)*isa.Size, s.Name)
			}
			im.Calls = append(im.Calls, Call{Slot: slot, Target: tgt})
		}
	}
	return nil
}
