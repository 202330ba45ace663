package idlcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// CheckErrors compares the IDL's error table with the program's: same codes, names and
// messages, in code order. It returns one line per difference.
func CheckErrors(idl *IDL, rust []IDLError) []string {
	sorted := slices.Clone(rust)
	slices.SortFunc(sorted, func(a, b IDLError) int { return int(a.Code) - int(b.Code) })
	var out []string
	byCode := map[uint32]IDLError{}
	for _, e := range idl.Errors {
		byCode[e.Code] = e
	}
	for _, want := range sorted {
		got, ok := byCode[want.Code]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("error %d %s: in the program, not in the IDL", want.Code, want.Name))
		case got != want:
			out = append(out, fmt.Sprintf("error %d: program %q %q, IDL %q %q", want.Code, want.Name, want.Msg, got.Name, got.Msg))
		}
		delete(byCode, want.Code)
	}
	for code, e := range byCode {
		out = append(out, fmt.Sprintf("error %d %s: in the IDL, not in the program", code, e.Name))
	}
	return out
}

// CheckInstructions checks every IDL instruction against the program: its discriminator is
// Anchor's for its name, the program has a tag for it and dispatches that tag, and the
// processor takes the IDL's accounts in the IDL's order; and every tag is in the IDL.
func CheckInstructions(p Program, idl *IDL) ([]string, error) {
	tags, err := RustTags(p.Tags)
	if err != nil {
		return nil, err
	}
	dispatch, err := RustDispatch(p.Lib)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, ix := range idl.Instructions {
		seen[ix.Name] = true
		if !bytes.Equal(ix.Discriminator, Discriminator("global", ix.Name)) {
			out = append(out, fmt.Sprintf("%s: IDL discriminator %v is not Anchor's", ix.Name, ix.Discriminator))
		}
		tag, ok := tags[ix.Name]
		if !ok {
			out = append(out, fmt.Sprintf("%s: no instruction tag in %s", ix.Name, p.Tags))
			continue
		}
		proc, ok := dispatch[tag]
		if !ok {
			out = append(out, fmt.Sprintf("%s: tag %s not dispatched in %s", ix.Name, tag, p.Lib))
			continue
		}
		names, err := RustAccountOrder(filepath.Join(p.Processors, proc[0]+".rs"), proc[1])
		if err != nil {
			return nil, err
		}
		var want []string
		for _, a := range ix.Accounts {
			want = append(want, a.Name)
		}
		if !slices.EqualFunc(names, want, func(rust, idl string) bool { return p.names(ix.Name, rust, idl) }) {
			out = append(out, fmt.Sprintf("%s: the processor takes %v, the IDL lists %v", ix.Name, names, want))
		}
	}
	for name := range tags {
		if !seen[name] {
			out = append(out, fmt.Sprintf("%s: tagged in %s, not in the IDL", name, p.Tags))
		}
	}
	slices.Sort(out)
	return out, nil
}

// names reports whether the processor's local `rust` in instruction `ix` names the IDL account
// `idl`: the same name, or with "_account" after it, or an alias.
func (p Program) names(ix, rust, idl string) bool {
	if alias, ok := p.Aliases[ix+"."+rust]; ok {
		return alias == idl
	}
	base := strings.TrimSuffix(rust, "_account")
	if alias, ok := p.Aliases[base]; ok {
		return alias == idl
	}
	return rust == idl || base == idl
}

// CheckAccounts checks every IDL account against the Rust layout of the same name: Anchor's
// discriminator (which the Rust `Layout` computes from the same name), the Rust struct's size
// (discriminator included) and each field's name, offset and size.
func CheckAccounts(p Program, idl *IDL) ([]string, error) {
	layouts, err := ReadLayouts(p.Layouts...)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, acct := range idl.Accounts {
		if !bytes.Equal(acct.Discriminator, Discriminator("account", acct.Name)) {
			out = append(out, fmt.Sprintf("account %s: IDL discriminator is not Anchor's", acct.Name))
		}
		want, err := idl.fields(acct.Name)
		if err != nil {
			return nil, err
		}
		got, err := layouts.Fields(acct.Name)
		if err != nil {
			return nil, err
		}
		if len(got) == 0 || got[0] != (Field{Name: "discriminator", Offset: 0, Size: 8}) {
			out = append(out, fmt.Sprintf("account %s: the Rust layout does not start with the 8-byte discriminator", acct.Name))
			continue
		}
		for i := range want {
			want[i].Offset += 8
		}
		if !slices.Equal(got[1:], want) {
			out = append(out, fmt.Sprintf("account %s: Rust fields %v, IDL fields %v", acct.Name, got[1:], want))
		}
		size, err := layouts.Size(acct.Name)
		if err != nil {
			return nil, err
		}
		idlSize := 8
		if n := len(want); n > 0 {
			idlSize = want[n-1].Offset + want[n-1].Size
		}
		if size != idlSize {
			out = append(out, fmt.Sprintf("account %s: %d bytes in Rust, %d in the IDL", acct.Name, size, idlSize))
		}
	}
	return out, nil
}

// fields lays out the IDL struct `name` as Borsh does (packed, in order).
func (idl *IDL) fields(name string) ([]Field, error) {
	def := idl.Type(name)
	if def == nil || def.Type.Kind != "struct" {
		return nil, fmt.Errorf("IDL type %s: not a struct", name)
	}
	var out []Field
	at := 0
	for _, f := range def.Type.Fields {
		size, err := idl.size(f.Type)
		if err != nil {
			return nil, fmt.Errorf("IDL %s.%s: %w", name, f.Name, err)
		}
		out = append(out, Field{Name: f.Name, Offset: at, Size: size})
		at += size
	}
	return out, nil
}

// size is the Borsh size of a fixed-size IDL type.
func (idl *IDL) size(raw json.RawMessage) (int, error) {
	var prim string
	if json.Unmarshal(raw, &prim) == nil {
		switch prim {
		case "u8", "i8", "bool":
			return 1, nil
		case "u16", "i16":
			return 2, nil
		case "u32", "i32":
			return 4, nil
		case "u64", "i64":
			return 8, nil
		case "u128", "i128":
			return 16, nil
		case "pubkey":
			return 32, nil
		}
		return 0, fmt.Errorf("type %q has no fixed size", prim)
	}
	var composite struct {
		Array   []json.RawMessage `json:"array"`
		Defined *struct {
			Name string `json:"name"`
		} `json:"defined"`
	}
	if err := json.Unmarshal(raw, &composite); err != nil {
		return 0, fmt.Errorf("type %s: %w", raw, err)
	}
	switch {
	case len(composite.Array) == 2:
		elem, err := idl.size(composite.Array[0])
		if err != nil {
			return 0, err
		}
		var n int
		if err := json.Unmarshal(composite.Array[1], &n); err != nil {
			return 0, fmt.Errorf("array length %s: %w", composite.Array[1], err)
		}
		return elem * n, nil
	case composite.Defined != nil:
		fields, err := idl.fields(composite.Defined.Name)
		if err != nil {
			return 0, err
		}
		if len(fields) == 0 {
			return 0, nil
		}
		last := fields[len(fields)-1]
		return last.Offset + last.Size, nil
	}
	return 0, fmt.Errorf("type %s has no fixed size", raw)
}
