package pow

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// Leaf is the Merkle leaf of one entry: sha256(0x00 || value LE).
func Leaf(value uint64) [32]byte {
	var buf [9]byte
	binary.LittleEndian.PutUint64(buf[1:], value)
	return sha256.Sum256(buf[:])
}

// Node is the parent of two nodes: sha256(0x01 || left || right).
func Node(left, right [32]byte) [32]byte {
	var buf [65]byte
	buf[0] = 1
	copy(buf[1:], left[:])
	copy(buf[33:], right[:])
	return sha256.Sum256(buf[:])
}

// Tree is the Merkle tree over C's entries in row-major order, every level kept for paths.
type Tree struct {
	levels [][][32]byte // levels[0]: leaves; last: the root alone
}

// NewTree builds the tree over values (a power-of-two count), hashing with workers goroutines.
func NewTree(values []uint64, workers int) (*Tree, error) {
	if len(values) == 0 || len(values)&(len(values)-1) != 0 {
		return nil, fmt.Errorf("merkle tree over %d values: want a power of two", len(values))
	}
	leaves := make([][32]byte, len(values))
	parallel(len(values), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			leaves[i] = Leaf(values[i])
		}
	})
	levels := [][][32]byte{leaves}
	for cur := leaves; len(cur) > 1; {
		next := make([][32]byte, len(cur)/2)
		parallel(len(next), workers, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				next[i] = Node(cur[2*i], cur[2*i+1])
			}
		})
		levels = append(levels, next)
		cur = next
	}
	return &Tree{levels: levels}, nil
}

// Root is the tree's root.
func (t *Tree) Root() [32]byte { return t.levels[len(t.levels)-1][0] }

// Path is the siblings of leaf index from the leaf up.
func (t *Tree) Path(index uint64) [][32]byte {
	path := make([][32]byte, 0, len(t.levels)-1)
	for _, level := range t.levels[:len(t.levels)-1] {
		path = append(path, level[index^1])
		index >>= 1
	}
	return path
}

// VerifyPath reports whether path leads from value at leaf index to root.
func VerifyPath(root [32]byte, index, value uint64, path [][32]byte) bool {
	cur := Leaf(value)
	for _, sibling := range path {
		if index&1 == 0 {
			cur = Node(cur, sibling)
		} else {
			cur = Node(sibling, cur)
		}
		index >>= 1
	}
	return index == 0 && cur == root
}
