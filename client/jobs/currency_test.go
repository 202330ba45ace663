package jobs

import (
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs/gen"
)

func TestCurrencyOf(t *testing.T) {
	cfg := &gen.JobsConfig{IoMint: solana.PublicKey{1}, UsdcMint: solana.PublicKey{2}, ReservationFeeBps: 25, UsdcFeeBps: 200}
	for _, tc := range []struct {
		mint   solana.PublicKey
		units  uint64
		want   string
		feeBps uint64
	}{
		{cfg.IoMint, 150_000_000, "1.5 IO", 25},
		{cfg.UsdcMint, 12_500_000, "12.5 USDC", 225},
		{solana.PublicKey{3}, 1, "0.00000001 IO", 25}, // an unknown mint reads as IO
	} {
		cur := CurrencyOf(cfg, tc.mint)
		require.Equal(t, tc.want, cur.Format(tc.units))
		require.Equal(t, tc.feeBps, cur.FeeBps)
	}
}
