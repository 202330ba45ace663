package pow

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkSolve times the CPU solver (C only, then with the Merkle tree) per size and thread
// count and reports GFLOP-equivalents: 2n^3 operations (one multiply and one add mod p per
// term) per second. README: "Proof of capacity" has the figures of this machine.
//
//	go test ./client/capacity/pow -run '^$' -bench Solve -benchtime 1x
func BenchmarkSolve(b *testing.B) {
	for _, n := range []uint64{64, 256, 512, 1024, 2048} {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("n=%d/threads=%d", n, workers), func(b *testing.B) {
				seed := [32]byte{byte(n)}
				for b.Loop() {
					if _, err := (CPU{Workers: workers}).Solve(context.Background(), seed, n); err != nil {
						b.Fatal(err)
					}
				}
				perOp := b.Elapsed().Seconds() / float64(b.N)
				flops := 2 * float64(n*n*n)
				b.ReportMetric(flops/perOp/1e9, "GFLOP-eq/s")
				b.ReportMetric(flops/perOp/1e9/float64(workers), "GFLOP-eq/s/core")
			})
		}
		b.Run(fmt.Sprintf("n=%d/answer(C+tree)", n), func(b *testing.B) {
			seed := [32]byte{byte(n)}
			for b.Loop() {
				if _, err := Solve(context.Background(), CPU{}, seed, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
