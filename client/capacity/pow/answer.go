package pow

import (
	"context"
	"fmt"
	"runtime"
)

// Answer is a solved challenge: C, its Merkle tree and the size, ready to commit and prove.
type Answer struct {
	N    uint64
	C    []uint64
	tree *Tree
}

// Solve computes the answer to the challenge seeded by seed with solver.
func Solve(ctx context.Context, solver Solver, seed [32]byte, n uint64) (*Answer, error) {
	c, err := solver.Solve(ctx, seed, n)
	if err != nil {
		return nil, err
	}
	return NewAnswer(c, n)
}

// NewAnswer wraps a computed (or, in tests, deliberately wrong) C.
func NewAnswer(c []uint64, n uint64) (*Answer, error) {
	if uint64(len(c)) != n*n {
		return nil, fmt.Errorf("answer: %d entries for n=%d, want %d", len(c), n, n*n)
	}
	tree, err := NewTree(c, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, err
	}
	return &Answer{N: n, C: c, tree: tree}, nil
}

// Root is the commitment.
func (a *Answer) Root() [32]byte { return a.tree.Root() }

// Opening is one proved entry: its index among the k, the value and the Merkle path.
type Opening struct {
	M     uint8
	Value uint64
	Path  [][32]byte
}

// Open proves the spot check's entries m = first .. first+count-1.
func (a *Answer) Open(checkHash, seed [32]byte, first, count uint8) []Opening {
	out := make([]Opening, 0, count)
	for m := first; m < first+count; m++ {
		i, j := CheckedEntry(checkHash, seed, a.N, m)
		out = append(out, Opening{M: m, Value: a.C[i*a.N+j], Path: a.tree.Path(i*a.N + j)})
	}
	return out
}
