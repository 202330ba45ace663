package pow

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors.txt")

// vectorsFile is shared with the Rust program's test (programs/capacity/tests/vectors.rs).
const vectorsFile = "testdata/vectors.txt"

func h(label string, i int) [32]byte { return sha256.Sum256(fmt.Appendf(nil, "%s %d", label, i)) }

// vectors renders the shared vectors: one case per line, the kind first.
func vectors(t *testing.T) string {
	var b strings.Builder
	b.WriteString("# Shared vectors of the capacity challenge: checked by client/capacity/pow (Go) and\n")
	b.WriteString("# programs/capacity/tests/vectors.rs (Rust). Regenerate: go test ./client/capacity/pow -run TestVectors -update\n")
	for i, key := range []uint64{0, 1, 0x9E3779B97F4A7C15, 1<<64 - 1} {
		for _, index := range []uint64{0, 1, 4095, 1<<64 - 1} {
			fmt.Fprintf(&b, "element %d %d %d\n", key, index, Element(key, index))
		}
		a, c := P-1-uint64(i), uint64(1)<<uint(60-i)
		fmt.Fprintf(&b, "mulmod %d %d %d\n", a, c, MulMod(a, c))
	}
	for i := 0; i < 3; i++ {
		slotHash, device := h("slot", i), h("device", i)
		slot := uint64(1000 + i*77)
		seed := Seed(slotHash, device, slot)
		fmt.Fprintf(&b, "seed %x %x %d %x\n", slotHash, device, slot, seed)
		for _, n := range []uint64{8, 16, 4096} {
			for m := uint8(0); m < 3; m++ {
				ci, cj := CheckedEntry(h("check", i), seed, n, m)
				fmt.Fprintf(&b, "check %x %x %d %d %d %d\n", h("check", i), seed, n, m, ci, cj)
				if n <= 16 || m == 0 {
					fmt.Fprintf(&b, "entry %x %d %d %d %d\n", seed, n, ci, cj, Entry(seed, n, ci, cj))
				}
			}
		}
		for _, n := range []uint64{8, 16} {
			ans, err := Solve(context.Background(), CPU{Workers: 2}, seed, n)
			require.NoError(t, err)
			fmt.Fprintf(&b, "root %x %d %x\n", seed, n, ans.Root())
		}
	}
	return b.String()
}

func TestVectors(t *testing.T) {
	got := vectors(t)
	if *update {
		require.NoError(t, os.WriteFile(vectorsFile, []byte(got), 0o644))
	}
	want, err := os.ReadFile(vectorsFile)
	require.NoError(t, err, "run go test ./client/capacity/pow -run TestVectors -update")
	require.Equal(t, string(want), got, "the Go mirror drifted from the shared vectors")
}

func TestSolveMatchesEntries(t *testing.T) {
	for _, n := range []uint64{8, 16, 64, 256} {
		seed := h("solve", int(n))
		for _, workers := range []int{1, 3} {
			c, err := CPU{Workers: workers}.Solve(context.Background(), seed, n)
			require.NoError(t, err)
			for _, ij := range [][2]uint64{{0, 0}, {n - 1, n - 1}, {n / 2, 3}, {5, n - 2}} {
				require.Equal(t, Entry(seed, n, ij[0], ij[1]), c[ij[0]*n+ij[1]], "n=%d workers=%d (%d,%d)", n, workers, ij[0], ij[1])
			}
		}
	}
}

func TestSolveRefusesBadSizes(t *testing.T) {
	for _, n := range []uint64{0, 4, 12, 8192} {
		_, err := CPU{}.Solve(context.Background(), [32]byte{}, n)
		require.ErrorContains(t, err, "power of two from 8 to 4096", "n=%d", n)
	}
}

func TestPathsVerify(t *testing.T) {
	seed := h("paths", 0)
	ans, err := Solve(context.Background(), CPU{}, seed, 16)
	require.NoError(t, err)
	check := h("check", 9)
	for _, o := range ans.Open(check, seed, 0, 8) {
		i, j := CheckedEntry(check, seed, 16, o.M)
		require.Len(t, o.Path, Depth(16))
		require.True(t, VerifyPath(ans.Root(), i*16+j, o.Value, o.Path))
		require.False(t, VerifyPath(ans.Root(), i*16+j, o.Value+1, o.Path), "wrong value")
		require.False(t, VerifyPath(ans.Root(), (i*16+j)^1, o.Value, o.Path), "wrong place")
	}
}

func TestMulAddModMatchesTheSeparateSteps(t *testing.T) {
	samples := []uint64{0, 1, 2, P - 1, P - 2, 1 << 60, 1<<61 - 3, 123_456_789_012_345}
	for _, a := range samples {
		for _, b := range samples {
			for _, c := range samples {
				require.Equal(t, AddMod(c, MulMod(a, b)), MulAddMod(c, a, b), "%d + %d*%d", c, a, b)
			}
		}
	}
}
