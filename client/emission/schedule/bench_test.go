package schedule

import "testing"

// BenchmarkAmount cycles through every epoch of the schedule.
func BenchmarkAmount(b *testing.B) {
	_, avg := multiplicationsPerEpoch()
	var sink uint64
	epoch := uint64(1)
	for b.Loop() {
		sink += Amount(epoch)
		if epoch++; epoch > LastEpoch {
			epoch = 1
		}
	}
	b.ReportMetric(avg, "mul/epoch")
	_ = sink
}

// BenchmarkCumulative spreads its epochs over the schedule (a prime step), once the
// checkpoints are built.
func BenchmarkCumulative(b *testing.B) {
	Cumulative(1)
	var sink uint64
	epoch := uint64(1)
	for b.Loop() {
		sink += Cumulative(epoch)
		epoch = (epoch + 7919) % LastEpoch
	}
	_ = sink
}

// BenchmarkAllEpochs sums every epoch: the work of building the checkpoints on first use.
func BenchmarkAllEpochs(b *testing.B) {
	for b.Loop() {
		var sum uint64
		for epoch := uint64(1); epoch <= LastEpoch; epoch++ {
			sum += Amount(epoch)
		}
		if sum != TotalEmission {
			b.Fatalf("sum of all epochs %d, want %d", sum, TotalEmission)
		}
	}
}
