// Package archive reads Unix ar archives (GNU and System V variants), as
// written by llvm-ar and by rustc for .rlib files, including the symbol index
// that maps each defined global symbol to the member defining it.
package archive

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

const (
	magic      = "!<arch>\n"
	headerSize = 60
)

// Member is one file inside the archive.
type Member struct {
	Name   string
	Offset int // offset of the member header in the archive
	Data   []byte
}

// Archive is a parsed archive.
type Archive struct {
	Path    string
	Members []Member
	// Symbols maps a defined symbol to the index in Members of its definer.
	Symbols map[string]int
}

// IsArchive reports whether data starts with the ar magic.
func IsArchive(data []byte) bool { return bytes.HasPrefix(data, []byte(magic)) }

// Parse reads an archive; path only names it in errors.
func Parse(path string, data []byte) (*Archive, error) {
	if !IsArchive(data) {
		return nil, fmt.Errorf("%s: not an ar archive (missing %q magic)", path, strings.TrimSpace(magic))
	}
	a := &Archive{Path: path, Symbols: map[string]int{}}
	var symtab []byte
	var symtab64 bool
	var longNames []byte
	byOffset := map[int]int{}
	for off := len(magic); off < len(data); {
		if off+headerSize > len(data) {
			return nil, fmt.Errorf("%s: truncated member header at offset %d", path, off)
		}
		hdr := data[off : off+headerSize]
		if string(hdr[58:60]) != "`\n" {
			return nil, fmt.Errorf("%s: bad member header terminator at offset %d", path, off)
		}
		size, err := strconv.Atoi(strings.TrimSpace(string(hdr[48:58])))
		if err != nil || size < 0 || off+headerSize+size > len(data) {
			return nil, fmt.Errorf("%s: bad member size at offset %d", path, off)
		}
		body := data[off+headerSize : off+headerSize+size]
		name := strings.TrimRight(string(hdr[0:16]), " ")
		switch {
		case name == "/" || name == "/SYM64/":
			symtab, symtab64 = body, name == "/SYM64/"
		case name == "//":
			longNames = body
		default:
			resolved, err := memberName(name, longNames)
			if err != nil {
				return nil, fmt.Errorf("%s: member at offset %d: %w", path, off, err)
			}
			byOffset[off] = len(a.Members)
			a.Members = append(a.Members, Member{Name: resolved, Offset: off, Data: body})
		}
		off += headerSize + size
		off += off & 1 // members are 2-byte aligned
	}
	if symtab != nil {
		if err := a.readSymbols(symtab, symtab64, byOffset); err != nil {
			return nil, fmt.Errorf("%s: symbol index: %w", path, err)
		}
	}
	return a, nil
}

func memberName(raw string, longNames []byte) (string, error) {
	if strings.HasPrefix(raw, "/") && len(raw) > 1 {
		n, err := strconv.Atoi(raw[1:])
		if err != nil || n < 0 || n >= len(longNames) {
			return "", fmt.Errorf("bad long name reference %q", raw)
		}
		end := bytes.IndexByte(longNames[n:], '\n')
		if end < 0 {
			end = len(longNames) - n
		}
		return strings.TrimSuffix(string(longNames[n:n+end]), "/"), nil
	}
	return strings.TrimSuffix(raw, "/"), nil
}

// readSymbols decodes the System V index: a big-endian count, that many
// member offsets, then the NUL-terminated names in the same order.
func (a *Archive) readSymbols(tab []byte, wide bool, byOffset map[int]int) error {
	word := 4
	if wide {
		word = 8
	}
	read := func(b []byte) int {
		if wide {
			return int(binary.BigEndian.Uint64(b))
		}
		return int(binary.BigEndian.Uint32(b))
	}
	if len(tab) < word {
		return fmt.Errorf("truncated")
	}
	count := read(tab)
	if count < 0 || word+count*word > len(tab) {
		return fmt.Errorf("count %d does not fit", count)
	}
	names := tab[word+count*word:]
	for i := 0; i < count; i++ {
		end := bytes.IndexByte(names, 0)
		if end < 0 {
			return fmt.Errorf("unterminated name %d", i)
		}
		name := string(names[:end])
		names = names[end+1:]
		idx, ok := byOffset[read(tab[word+i*word:])]
		if !ok {
			return fmt.Errorf("symbol %q points at no member", name)
		}
		if _, dup := a.Symbols[name]; !dup {
			a.Symbols[name] = idx
		}
	}
	return nil
}
