package link

import (
	"sort"

	"github.com/ionet-oss/ionet/sbpf/isa"
)

// Region is where an absolute address points.
type Region int

// Regions of a linked program.
const (
	RegionText Region = iota
	RegionRodata
)

// RefKind says where an absolute address is stored.
type RefKind int

// Places that hold an absolute address.
const (
	RefLddw   RefKind = iota // the 64-bit immediate of an lddw in Text
	RefData64                // 8 bytes in Rodata
)

// Ref is an absolute address the writer fills in once it knows where each
// region is mapped for the SBPF version it writes.
type Ref struct {
	Kind   RefKind
	At     int    // lddw slot in Text, or byte offset in Rodata
	Region Region // region the address points into
	Offset uint64 // byte offset inside that region
}

// Call is a call instruction whose immediate the writer encodes.
type Call struct {
	Slot    int
	Syscall string // non-empty for a syscall
	Target  int    // slot of the callee for an internal call
}

// Func is a function in the linked text, for messages and symbols.
type Func struct {
	Name       string
	Start, End int // slots, End exclusive
}

// Image is the linked program, independent of the SBPF version.
type Image struct {
	Text   isa.Program
	Rodata []byte
	Entry  int // slot of the entrypoint
	Funcs  []Func
	Calls  []Call
	Refs   []Ref
}

// FuncAt names the function containing slot, or "" when none does.
func (im *Image) FuncAt(slot int) string {
	i := sort.Search(len(im.Funcs), func(i int) bool { return im.Funcs[i].End > slot })
	if i < len(im.Funcs) && im.Funcs[i].Start <= slot {
		return im.Funcs[i].Name
	}
	return ""
}

// Syscalls returns the distinct syscalls the program calls, sorted.
func (im *Image) Syscalls() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range im.Calls {
		if c.Syscall != "" && !seen[c.Syscall] {
			seen[c.Syscall] = true
			out = append(out, c.Syscall)
		}
	}
	sort.Strings(out)
	return out
}
