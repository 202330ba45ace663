package emission

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ionet-oss/ionet/client/emission/gen"
)

func TestShare(t *testing.T) {
	cases := []struct {
		name                         string
		supplier, weight, total, out uint64
	}{
		{"alone: the whole pool", 1_094_889_862_322, 7_500, 7_500, 1_094_889_862_322},
		{"rounded down", 10, 1, 3, 3},
		{"product past 64 bits (python: (2**64-1)*100000//100001)", ^uint64(0), 100_000, 100_001, 18_446_559_608_113_470_480},
		{"no weight", 1_000, 0, 5, 0},
		{"empty epoch", 1_000, 5, 0, 0},
		{"weight above the total (not a heartbeat of this epoch)", 1_000, 6, 5, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.out, Share(c.supplier, c.weight, c.total))
		})
	}
}

func TestTotalWeight(t *testing.T) {
	pool := &gen.LivenessPool{LastEpoch: 100}
	for e := uint64(29); e <= 100; e++ {
		pool.TotalWeights[e%SupplierRing] = e * 10
	}
	cases := []struct {
		epoch uint64
		want  uint64
		ok    bool
	}{
		{100, 1_000, true},
		{29, 290, true}, // the oldest slot the ring still holds
		{28, 0, false},  // overwritten by epoch 100
		{101, 0, false}, // no heartbeat yet
		{0, 0, false},
	}
	for _, c := range cases {
		got, ok := TotalWeight(pool, c.epoch)
		assert.Equal(t, c.ok, ok, "epoch %d", c.epoch)
		assert.Equal(t, c.want, got, "epoch %d", c.epoch)
	}
}
