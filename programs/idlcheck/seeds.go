package idlcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

var seedConst = regexp.MustCompile(`pub const (\w+_SEED): &\[u8\] = b"([^"]*)";`)

// RustSeeds reads a program's PDA seeds from the .rs files under `dirs`: each `*_SEED`
// constant's bytes, and for each constant the seed counts (bump left out) of the seed arrays
// that start with it (`[JOB_SEED, &id.to_le_bytes()]`).
func RustSeeds(dirs ...string) (consts map[string]string, arities map[string][]int, err error) {
	var files []string
	for _, d := range dirs {
		matches, err := filepath.Glob(filepath.Join(d, "*.rs"))
		if err != nil {
			return nil, nil, err
		}
		more, err := filepath.Glob(filepath.Join(d, "*", "*.rs"))
		if err != nil {
			return nil, nil, err
		}
		files = append(files, append(matches, more...)...)
	}
	var srcs []string
	consts = map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, fmt.Errorf("read Rust source: %w", err)
		}
		src := string(b)
		srcs = append(srcs, src)
		for _, m := range seedConst.FindAllStringSubmatch(src, -1) {
			consts[m[2]] = m[1]
		}
	}
	arities = map[string][]int{}
	for _, name := range consts {
		for _, src := range srcs {
			for _, n := range seedArrays(src, name) {
				if !slices.Contains(arities[name], n) {
					arities[name] = append(arities[name], n)
				}
			}
		}
	}
	return consts, arities, nil
}

// seedArrays returns, for each array literal in `src` whose first element is `name`, how many
// elements it has that are not the bump.
func seedArrays(src, name string) []int {
	var out []int
	for at := 0; ; {
		i := strings.Index(src[at:], "["+name)
		if i < 0 {
			return out
		}
		start := at + i + 1
		at = start
		if next := src[start+len(name)]; next != ',' && next != ']' {
			continue // a longer name
		}
		depth, elem, count := 0, strings.Builder{}, 0
		flush := func() {
			if e := strings.TrimSpace(elem.String()); e != "" && !strings.Contains(e, "bump") {
				count++
			}
			elem.Reset()
		}
	scan:
		for j := start; j < len(src); j++ {
			switch ch := src[j]; {
			case ch == '[' || ch == '(':
				depth++
			case (ch == ']' || ch == ')') && depth > 0:
				depth--
			case ch == ']':
				flush()
				break scan
			case ch == ',' && depth == 0:
				flush()
				continue
			}
			elem.WriteByte(src[j])
		}
		out = append(out, count)
	}
}

// CheckSeeds checks every PDA the IDL declares against the Rust derivations: its first seed is
// a constant, each constant seed is a `*_SEED` of the program that derives the address (this
// one, or the one `pda.program` names), the seed count is that of a seed array the program
// starts with that constant, and each account or argument seed names an account or argument
// of the instruction (a field path: a field of that account's IDL type).
func CheckSeeds(idl *IDL, own string, programs map[string]Program) ([]string, error) {
	load := func(name string) (map[string]string, map[string][]int, error) {
		p, ok := programs[name]
		if !ok {
			return nil, nil, fmt.Errorf("no program %s", name)
		}
		return RustSeeds(p.Sources...)
	}
	var out []string
	for _, ix := range idl.Instructions {
		names := map[string]bool{}
		for _, a := range ix.Accounts {
			names[a.Name] = true
		}
		for _, acct := range ix.Accounts {
			if acct.PDA == nil {
				continue
			}
			where := ix.Name + "." + acct.Name
			owner := own
			if acct.PDA.Program != nil {
				owner = programOf(acct.PDA.Program.Path)
				if owner == "" {
					out = append(out, fmt.Sprintf("%s: pda.program %q names no known program", where, acct.PDA.Program.Path))
					continue
				}
				if d := checkPath(idl, ix, names, *acct.PDA.Program); d != "" {
					out = append(out, where+": program: "+d)
				}
			}
			consts, arities, err := load(owner)
			if err != nil {
				return nil, err
			}
			s := acct.PDA.Seeds
			if len(s) == 0 || s[0].Kind != "const" {
				out = append(out, where+": the first seed is not a constant")
				continue
			}
			first, ok := consts[string(s[0].Value)]
			if !ok {
				out = append(out, fmt.Sprintf("%s: seed %q is no *_SEED constant of %s", where, s[0].Value, owner))
				continue
			}
			if !slices.Contains(arities[first], len(s)) {
				out = append(out, fmt.Sprintf("%s: %d seeds; %s derives [%s, ...] with %v", where, len(s), owner, first, arities[first]))
			}
			for _, seed := range s[1:] {
				switch seed.Kind {
				case "const":
					if _, ok := consts[string(seed.Value)]; !ok {
						out = append(out, fmt.Sprintf("%s: seed %q is no *_SEED constant of %s", where, seed.Value, owner))
					}
				case "account", "arg":
					if d := checkPath(idl, ix, names, seed); d != "" {
						out = append(out, where+": "+d)
					}
				default:
					out = append(out, fmt.Sprintf("%s: seed kind %q", where, seed.Kind))
				}
			}
		}
	}
	return out, nil
}

// programOf names the program a pda.program path points at.
func programOf(path string) string {
	for _, p := range []string{"staking", "emission", "capacity", "jobs", "governance"} {
		if path == p+"_program" || strings.HasSuffix(path, "."+p+"_program") {
			return p
		}
	}
	return ""
}

// checkPath says what is wrong with an account or argument seed, or "".
func checkPath(idl *IDL, ix Instruction, accounts map[string]bool, seed Seed) string {
	if seed.Kind == "arg" {
		if !slices.ContainsFunc(ix.Args, func(a struct {
			Name string `json:"name"`
		}) bool {
			return a.Name == seed.Path
		}) {
			return fmt.Sprintf("arg seed %q is no argument", seed.Path)
		}
		return ""
	}
	base, field, nested := strings.Cut(seed.Path, ".")
	if !accounts[base] {
		return fmt.Sprintf("account seed %q is no account of the instruction", seed.Path)
	}
	if !nested {
		return ""
	}
	if seed.Account == "" {
		return fmt.Sprintf("account seed %q reads a field but names no account type", seed.Path)
	}
	fields, err := idl.fields(seed.Account)
	if err != nil {
		return err.Error()
	}
	if !slices.ContainsFunc(fields, func(f Field) bool { return f.Name == field }) {
		return fmt.Sprintf("account seed %q: %s has no field %s", seed.Path, seed.Account, field)
	}
	return ""
}
