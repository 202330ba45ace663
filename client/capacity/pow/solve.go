package pow

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Solver computes C = A x B for a challenge. CPU is the implementation today; a GPU one (CUDA,
// one kernel for the product and one for the leaves) implements the same interface later.
type Solver interface {
	// Solve returns C in row-major order (n*n entries).
	Solve(ctx context.Context, seed [32]byte, n uint64) ([]uint64, error)
	// Name says which path runs, for the logs.
	Name() string
}

// CPU is the multi-threaded, cache-blocked CPU solver.
type CPU struct {
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
}

// Block sizes: a worker updates rowBlock rows of C against one row of B at a time (each B value
// loaded once serves rowBlock rows), over colBlock columns (rowBlock*colBlock accumulators stay in
// L1), while tBlock rows of B (tBlock*colBlock*8 bytes) stay in L2.
const (
	rowBlock = 4
	colBlock = 256
	tBlock   = 64
)

// Name implements Solver.
func (c CPU) Name() string { return fmt.Sprintf("cpu (%d threads)", c.workers()) }

func (c CPU) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Solve implements Solver.
func (c CPU) Solve(ctx context.Context, seed [32]byte, n uint64) ([]uint64, error) {
	if err := ValidN(n); err != nil {
		return nil, err
	}
	a, b := Generate(seed, n, c.workers())
	out := make([]uint64, n*n)
	rows := int(n) / rowBlock
	var next int
	var mu sync.Mutex
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= rows || ctx.Err() != nil {
			return 0, false
		}
		next++
		return next - 1, true
	}
	var wg sync.WaitGroup
	for w := 0; w < c.workers(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for blk, ok := take(); ok; blk, ok = take() {
				multiplyRows(a, b, out, int(n), blk*rowBlock)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("capacity solve n=%d: %w", n, err)
	}
	return out, nil
}

// multiplyRows computes rows i0 .. i0+rowBlock-1 of C = A x B (n x n, row-major).
func multiplyRows(a, b, c []uint64, n, i0 int) {
	r0, r1, r2, r3 := c[i0*n:(i0+1)*n], c[(i0+1)*n:(i0+2)*n], c[(i0+2)*n:(i0+3)*n], c[(i0+3)*n:(i0+4)*n]
	for j0 := 0; j0 < n; j0 += colBlock {
		j1 := min(j0+colBlock, n)
		for t0 := 0; t0 < n; t0 += tBlock {
			for t := t0; t < min(t0+tBlock, n); t++ {
				a0, a1, a2, a3 := a[i0*n+t], a[(i0+1)*n+t], a[(i0+2)*n+t], a[(i0+3)*n+t]
				brow := b[t*n+j0 : t*n+j1]
				c0, c1, c2, c3 := r0[j0:j1], r1[j0:j1], r2[j0:j1], r3[j0:j1]
				for j, bv := range brow {
					c0[j] = MulAddMod(c0[j], a0, bv)
					c1[j] = MulAddMod(c1[j], a1, bv)
					c2[j] = MulAddMod(c2[j], a2, bv)
					c3[j] = MulAddMod(c3[j], a3, bv)
				}
			}
		}
	}
}

// Generate expands A and B (row-major) from the seed.
func Generate(seed [32]byte, n uint64, workers int) (a, b []uint64) {
	ka, kb := Keys(seed)
	a, b = make([]uint64, n*n), make([]uint64, n*n)
	parallel(int(n*n), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			a[i] = Element(ka, uint64(i))
			b[i] = Element(kb, uint64(i))
		}
	})
	return a, b
}

// parallel runs f over [0, count) split into one contiguous range per worker.
func parallel(count, workers int, f func(lo, hi int)) {
	workers = max(1, min(workers, count))
	chunk := (count + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < count; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(lo, min(lo+chunk, count))
	}
	wg.Wait()
}
