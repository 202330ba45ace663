package jobs

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// The same cases as programs/jobs/src/money.rs: the mirror must agree with the program.
func TestQuoteAndSettle(t *testing.T) {
	cases := []struct {
		name                       string
		price, maxSecs, bps, spent uint64
		quote                      Quote
		settle                     Settlement
	}{
		{"IO 2/h, 3 h, 90 min", 2 * IO, 3 * 3600, 25, 5400, Quote{6 * IO, 1_500_000, 601_500_000}, Settlement{3 * IO, 750_000, 300_750_000}},
		{"USDC 1.5/h, 2 h, 1000 s", 1_500_000, 7200, 225, 1000, Quote{3 * USDC, 67_500, 3_067_500}, Settlement{416_666, 9_374, 2_641_460}},
		{"capped", IO, 3600, 25, 1 << 40, Quote{IO, 250_000, 100_250_000}, Settlement{IO, 250_000, 0}},
		{"fee rounds to zero", 100, 3600, 25, 3600, Quote{100, 0, 100}, Settlement{100, 0, 0}},
		{"nothing run", 2 * IO, 3600, 225, 0, Quote{2 * IO, 4_500_000, 204_500_000}, Settlement{0, 0, 204_500_000}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, err := NewQuote(tc.price, tc.maxSecs, tc.bps)
			require.NoError(t, err)
			require.Equal(t, tc.quote, q)
			s, err := Settle(q.Escrow, tc.price, tc.maxSecs, tc.bps, tc.spent)
			require.NoError(t, err)
			require.Equal(t, tc.settle, s)
			require.Equal(t, q.Escrow, s.Paid+s.Fee+s.Refund)
		})
	}
	_, err := NewQuote(math.MaxUint64, MaxDurationSeconds, 25)
	require.ErrorContains(t, err, "overflows")
	_, err = NewQuote(math.MaxUint64, 3600, 225)
	require.ErrorContains(t, err, "escrow overflows")
}

func TestMinBond(t *testing.T) {
	tests := []struct {
		escrowed, bps, want uint64
	}{
		{100_250_000, 500, 5_012_500}, // 5% of 1.0025 IO
		{100_250_001, 500, 5_012_501}, // rounded up, as the program does
		{1, 500, 1},                   // never zero
		{0, 500, 1},
		{math.MaxUint64, 10_000, math.MaxUint64},
	}
	for _, tt := range tests {
		got, ok := MinBond(tt.escrowed, tt.bps)
		require.True(t, ok)
		require.Equal(t, tt.want, got, "%d at %d bps", tt.escrowed, tt.bps)
	}
	_, ok := MinBond(math.MaxUint64, 10_001)
	require.False(t, ok, "overflow")
}
