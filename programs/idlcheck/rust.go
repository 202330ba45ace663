package idlcheck

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Program names one program's Rust sources: where its errors, instruction tags, dispatch,
// processors and account layouts are written.
type Program struct {
	Name string
	// Errors is the file with its program_errors! table.
	Errors string
	// Tags is the file with its `const NAME: u64 = instruction_tag("name")` items.
	Tags string
	// Lib is the file with its ionet_sdk::program! dispatch table.
	Lib string
	// Processors is the processor/ directory.
	Processors string
	// Layouts are the files with its #[repr(C)] account structs and their constants.
	Layouts []string
	// Sources are the directories whose .rs files derive its PDAs (and declare their seeds).
	Sources []string
	// Aliases maps "instruction.rust_name" or "rust_name" to the IDL's account name where the
	// processor's local differs (beyond a trailing "_account").
	Aliases map[string]string
}

func read(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read Rust source: %w", err)
	}
	return string(b), nil
}

var errorLine = regexp.MustCompile(`(?m)^\s*(\w+) = (\d+) => "(.*)",$`)

// RustErrors reads the program_errors! table of `path`.
func RustErrors(path string) ([]IDLError, error) {
	src, err := read(path)
	if err != nil {
		return nil, err
	}
	var out []IDLError
	for _, m := range errorLine.FindAllStringSubmatch(src, -1) {
		code, err := strconv.ParseUint(m[2], 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: error %s: %w", path, m[1], err)
		}
		out = append(out, IDLError{Code: uint32(code), Name: m[1], Msg: strings.ReplaceAll(m[3], `\"`, `"`)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no program_errors! entries", path)
	}
	return out, nil
}

var tagLine = regexp.MustCompile(`pub const (\w+): u64 = (?:instruction_tag|tag)\("(\w+)"\)`)

// RustTags reads the instruction tags of `path`: instruction name -> constant name.
func RustTags(path string) (map[string]string, error) {
	src, err := read(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, m := range tagLine.FindAllStringSubmatch(src, -1) {
		out[m[2]] = m[1]
	}
	return out, nil
}

var dispatchLine = regexp.MustCompile(`ix::(\w+) => (\w+)::(\w+),`)

// RustDispatch reads the program! table of `path`: tag constant -> processor module and function.
func RustDispatch(path string) (map[string][2]string, error) {
	src, err := read(path)
	if err != nil {
		return nil, err
	}
	out := map[string][2]string{}
	for _, m := range dispatchLine.FindAllStringSubmatch(src, -1) {
		out[m[1]] = [2]string{m[2], m[3]}
	}
	return out, nil
}

var slicePattern = regexp.MustCompile(`(?s)let \[([^\]]*)\]\s*=\s*accounts\b`)

// RustAccountOrder reads the accounts processor `function` in `file` takes, in order, from its
// first `let [a, b, ..] = accounts` pattern (the rest pattern left out).
func RustAccountOrder(file, function string) ([]string, error) {
	src, err := read(file)
	if err != nil {
		return nil, err
	}
	at := strings.Index(src, "fn "+function+"(")
	if at < 0 {
		return nil, fmt.Errorf("%s: no fn %s", file, function)
	}
	m := slicePattern.FindStringSubmatch(src[at:])
	if m == nil {
		return nil, fmt.Errorf("%s: fn %s destructures no accounts slice", file, function)
	}
	var names []string
	for _, part := range strings.Split(m[1], ",") {
		name := strings.TrimSpace(part)
		if name == "" || name == ".." || strings.Contains(name, "@") {
			continue
		}
		if len(name) > 1 {
			name = strings.TrimPrefix(name, "_") // `_device`: named for the order, used by position
		}
		names = append(names, name)
	}
	return names, nil
}

// Field is one field of a layout: its name, offset and size in bytes.
type Field struct {
	Name   string
	Offset int
	Size   int
}

// Layouts reads the #[repr(C)] structs and usize constants of `files`.
type Layouts struct {
	structs map[string][][2]string // name -> (field, type)
	consts  map[string]int
}

var (
	structDecl = regexp.MustCompile(`(?s)#\[repr\(C\)\]\s*(?:#\[[^\]]*\]\s*)*pub struct (\w+) \{(.*?)\n\}`)
	fieldDecl  = regexp.MustCompile(`(?m)^\s*pub (\w+): ([^,]+),`)
	constDecl  = regexp.MustCompile(`(?m)^pub const (\w+): usize = ([\d_]+);`)
	arrayType  = regexp.MustCompile(`^\[(.+); (\w+)\]$`)
)

// ReadLayouts parses the structs and constants of `files`.
func ReadLayouts(files ...string) (*Layouts, error) {
	l := &Layouts{structs: map[string][][2]string{}, consts: map[string]int{}}
	for _, f := range files {
		src, err := read(f)
		if err != nil {
			return nil, err
		}
		for _, m := range constDecl.FindAllStringSubmatch(src, -1) {
			n, err := strconv.Atoi(strings.ReplaceAll(m[2], "_", ""))
			if err != nil {
				return nil, fmt.Errorf("%s: const %s: %w", f, m[1], err)
			}
			l.consts[m[1]] = n
		}
		for _, m := range structDecl.FindAllStringSubmatch(src, -1) {
			var fields [][2]string
			for _, fm := range fieldDecl.FindAllStringSubmatch(m[2], -1) {
				fields = append(fields, [2]string{fm[1], strings.TrimSpace(fm[2])})
			}
			l.structs[m[1]] = fields
		}
	}
	return l, nil
}

// sizeAlign is a Rust type's size and alignment.
func (l *Layouts) sizeAlign(ty string) (int, int, error) {
	switch ty {
	case "u8", "i8", "bool":
		return 1, 1, nil
	case "u16", "i16":
		return 2, 2, nil
	case "u32", "i32":
		return 4, 4, nil
	case "u64", "i64":
		return 8, 8, nil
	case "Pubkey":
		return 32, 1, nil
	}
	if m := arrayType.FindStringSubmatch(ty); m != nil {
		size, align, err := l.sizeAlign(m[1])
		if err != nil {
			return 0, 0, err
		}
		n, err := strconv.Atoi(m[2])
		if err != nil {
			var ok bool
			if n, ok = l.consts[m[2]]; !ok {
				return 0, 0, fmt.Errorf("array length %s: no usize constant of that name", m[2])
			}
		}
		return size * n, align, nil
	}
	fields, err := l.Fields(ty)
	if err != nil {
		return 0, 0, err
	}
	size, align := 0, 1
	for _, f := range fields {
		size = f.Offset + f.Size
	}
	for _, f := range l.structs[ty] {
		_, a, _ := l.sizeAlign(f[1])
		align = max(align, a)
	}
	return roundUp(size, align), align, nil
}

// Fields lays out the struct `name` as repr(C) does.
func (l *Layouts) Fields(name string) ([]Field, error) {
	decl, ok := l.structs[name]
	if !ok {
		return nil, fmt.Errorf("no #[repr(C)] struct %s", name)
	}
	var out []Field
	at := 0
	for _, f := range decl {
		size, align, err := l.sizeAlign(f[1])
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", name, f[0], err)
		}
		at = roundUp(at, align)
		out = append(out, Field{Name: f[0], Offset: at, Size: size})
		at += size
	}
	return out, nil
}

// Size is the struct's size, trailing padding included.
func (l *Layouts) Size(name string) (int, error) {
	size, _, err := l.sizeAlign(name)
	return size, err
}

func roundUp(n, align int) int {
	return (n + align - 1) / align * align
}
